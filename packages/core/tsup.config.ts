import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "es2022",
  dts: true,
  clean: true,
  sourcemap: true,
  // Keep `node:` specifiers: browser bundlers leave them external, and they are loaded lazily,
  // only for Node-only sources (paths, Node streams).
  removeNodeProtocol: false,
});
