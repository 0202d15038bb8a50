import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/vitest-setup.ts"],
  format: ["esm"],
  target: "node20",
  dts: true,
  clean: true,
  sourcemap: true,
  // The spec ships with the package: the mock serves exactly the contract this release implements.
  onSuccess: () => copyFile(new URL("../../spec/openapi.yaml", import.meta.url), new URL("./dist/openapi.yaml", import.meta.url)),
});
