import { build } from "esbuild";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/main.ts"],
  format: ["esm"],
  target: "node20",
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  // The recording page (`/record`) runs core in the browser: one ES module of the client and its
  // audio helpers, for browsers.
  onSuccess: async () => {
    await build({
      stdin: {
        contents: 'export { MiniMaxFiles } from "@minimax-files/core"; export * from "@minimax-files/core/audio";',
        resolveDir: import.meta.dirname,
        loader: "js",
      },
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
