import { vitestTimeouts } from "@minimax-files/testkit/startup-budgets";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@minimax-files/testkit/vitest-prism-setup"],
    setupFiles: ["./test/setup/log-canary.ts"],
    ...vitestTimeouts,
    reporters: ["default", ["json", { outputFile: process.env["VITEST_JSON_REPORT"] ?? "test-results.json" }]],
  },
});
