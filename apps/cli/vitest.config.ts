import { vitestTimeouts } from "@minimax-files/testkit/startup-budgets";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@minimax-files/testkit/vitest-prism-setup"],
    ...vitestTimeouts,
    reporters: ["default", ["json", { outputFile: process.env["VITEST_JSON_REPORT"] ?? "test-results.json" }]],
  },
});
