import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    audio: "src/exports/audio.ts",
    "upload-tokens": "src/exports/upload-tokens.ts",
    schemas: "src/exports/schemas.ts",
    hosts: "src/exports/hosts.ts",
    enums: "src/exports/enums.ts",
  },
  format: ["esm"],
  target: "es2022",
  dts: true,
  clean: true,
  sourcemap: true,
  // Keep `node:` specifiers: browser bundlers leave them external, and they are loaded lazily,
  // only for Node-only sources (paths, Node streams).
  removeNodeProtocol: false,
  // The spec ships with the package (`@minimax-files/core/openapi.yaml`): the contract the
  // client implements, served by the server's /openapi.json and /docs.
  onSuccess: () => copyFile(new URL("../../spec/openapi.yaml", import.meta.url), new URL("./dist/openapi.yaml", import.meta.url)),
});
