import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 40_000,
    reporters: ["default", ["json", { outputFile: process.env["VITEST_JSON_REPORT"] ?? "test-results.json" }]],
  },
});
