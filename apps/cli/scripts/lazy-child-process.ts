import { readFile } from "node:fs/promises";
import type { Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/** The line of commander's `lib/command.js` that loads Node's child_process at start. */
const eagerImport = "const childProcess = require('node:child_process');";

/** The same name, bound to a stand-in that loads Node's module on first use. */
const lazyImport =
  "let loadedChildProcess; const childProcess = new Proxy({}, { get: (_, key) => " +
  "(loadedChildProcess ??= require('node:child_process'))[key] });";

/**
 * An esbuild plugin for the command's bundle: commander's `child_process` loads on first use.
 * commander needs it only to run an executable subcommand (`program.command(name, description)`),
 * which this CLI declares none of, and loading it at start (with `dgram`, `net` and their
 * bindings) cost 10–14 ms of every `--help` here. Only commander's line is rewritten, and the
 * build fails if commander no longer has it (an upgrade must look at this again).
 */
export const lazyChildProcess: Plugin = {
  name: "lazy-child-process",
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes(eagerImport)) throw new Error(`${args.path} no longer has \`${eagerImport}\`: see ${import.meta.url}`);
      return { contents: source.replace(eagerImport, lazyImport), loader: "js" };
    });
  },
};
