import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm"],
  target: "node20",
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  // commander is bundled in: loading it through Node's CommonJS loader costs more start-up time
  // than the rest of `minimax-files --version` together (see bench/). Core stays external and
  // is loaded only when a command runs.
  noExternal: ["commander"],
  // commander is CommonJS and requires Node built-ins; give the ESM bundle a `require` for them.
  banner: { js: 'import { createRequire as __cliCreateRequire } from "node:module"; const require = __cliCreateRequire(import.meta.url);' },
});
