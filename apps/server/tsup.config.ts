import { build } from "esbuild";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/main.ts"],
  format: ["esm"],
  target: "node20",
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  // The recording page (`/record`) runs core in the browser: one ES module of it, for browsers.
  onSuccess: async () => {
    await build({
      entryPoints: ["@minimax-files/core"],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      external: ["node:*"], // loaded lazily, only for Node-only sources; never in a browser
      outfile: "dist/record/core.js",
      logLevel: "warning",
    });
  },
});
