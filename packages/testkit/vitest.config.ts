import { defineConfig } from "vitest/config";
import { vitestTimeouts } from "./src/startup-budgets.js";

export default defineConfig({
  test: {
    ...vitestTimeouts,
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
