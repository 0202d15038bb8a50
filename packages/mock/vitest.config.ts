import { defineConfig } from "vitest/config";
// The mock cannot depend on the testkit (the testkit depends on it), so it reads the budgets from its source.
import { vitestTimeouts } from "../testkit/src/startup-budgets.js";

export default defineConfig({
  test: {
    ...vitestTimeouts,
    reporters: ["default", ["json", { outputFile: process.env["VITEST_JSON_REPORT"] ?? "test-results.json" }]],
  },
});
