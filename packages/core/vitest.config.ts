import { vitestTimeouts } from "@minimax-files/testkit/startup-budgets";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@minimax-files/testkit/vitest-prism-setup"],
    // Every upload error in every test is scanned for the test key (see test/setup/canary-scan.ts).
    setupFiles: ["./test/setup/canary-scan.ts"],
    ...vitestTimeouts,
    // scripts/test-runtimes.mjs names its own report per Node version.
    reporters: ["default", ["json", { outputFile: process.env["VITEST_JSON_REPORT"] ?? "test-results.json" }]],
  },
});
