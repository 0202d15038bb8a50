import { defineConfig } from "tsup";
import { lazyChildProcess } from "./scripts/lazy-child-process.js";

// Two builds run side by side: neither cleans dist/ (the build script does, before both).
export default defineConfig([
  {
    // The library export (`main`, for programs that run the CLI in-process).
    entry: ["src/index.ts"],
    format: ["esm"],
    target: "node20",
    dts: { entry: "src/index.ts" },
    sourcemap: true,
    // commander is bundled in: loading it through Node's CommonJS loader costs more start-up time
    // than the rest of `minimax-files --version` together (see bench/). Core stays external.
    noExternal: ["commander"],
    // commander is CommonJS and requires Node built-ins; give the ESM bundle a `require` for them.
    banner: {
      js: 'import { createRequire as __cliCreateRequire } from "node:module"; const require = __cliCreateRequire(import.meta.url);',
    },
  },
  {
    // The command (`bin/minimax-files.cjs`): one CommonJS file with commander and core's light
    // `enums` entry inside, so `--help` of any command reads no module from disk but this one
    // (an ES module entry alone costs ~10 ms of start-up on Node 20; see bench/ coldStartByCommand).
    // Core's client, its other subpaths and cli-progress stay external, imported when a command runs.
    // After it, scripts/compile-cache.mjs writes V8's code cache the starter loads it from.
    entry: { bin: "src/bin.ts" },
    format: ["cjs"],
    target: "node20",
    sourcemap: true,
    noExternal: ["commander", "@minimax-files/core/enums"],
    outExtension: () => ({ js: ".cjs" }),
    minify: true,
    // commander loads node:child_process at start for executable subcommands, which we have none of.
    esbuildPlugins: [lazyChildProcess],
  },
]);
