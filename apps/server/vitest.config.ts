import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@minimax-files/testkit/vitest-prism-setup"],
    setupFiles: ["./test/setup/log-canary.ts"],
    testTimeout: 20_000,
    reporters: ["default", ["json", { outputFile: process.env["VITEST_JSON_REPORT"] ?? "test-results.json" }]],
  },
});
