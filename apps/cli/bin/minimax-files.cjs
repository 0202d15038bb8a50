#!/usr/bin/env node
"use strict";
// Starts the CLI's one-file bundle (dist/bin.cjs) from V8's code cache, so that a start does not
// compile commander and our commands again: 4–11 ms of every start on Node 20, which has no
// compile cache of its own (module.enableCompileCache is Node 22). The cache is this user's:
// written after the first run into $MINIMAX_FILES_CACHE_DIR, else $XDG_CACHE_HOME/minimax-files,
// else ~/.cache/minimax-files (a folder only its owner may write to, or it is not used), under a
// name that holds the Node binary and the bundle it was made from, since V8 would take a cache
// another build of the same Node version made and then run it wrongly. A cache V8 refuses is
// written again; MINIMAX_FILES_COMPILE_CACHE=off starts without one, =check also prints whether
// V8 took it (for the tests). `--version` neither reads nor writes it: it is answered here,
// before the bundle is read (reading and compiling it cost about 4 ms a start, measured side
// by side), and a cache written after it would hold none of what the commands compile (every
// `--help` then started as slowly as without a cache, measured).
//
// The bundle's dynamic imports (core, cli-progress, Node's modules) are rewritten at build to call
// `__dyn_`, given here: code V8 runs from a cache cannot call `import()` on Node 20 ("A dynamic
// import callback was not specified"), and this file's `import()` resolves as the bundle's would.
//
// `<command> --help` (or `-h`) with no other argument is answered the same way, from the help the
// build rendered by running the bundle (scripts/help-texts.mjs, into dist/help-texts.json): the
// program's help is 80 columns wide on every terminal, so it is the same text. Anything else
// (`upload voice.wav --help`, `help upload`, a command the file lacks) starts the bundle.
const args = process.argv.slice(2);
const lastArg = args[args.length - 1];
// The same test as src/bin.ts, which answers these the same way when the bundle is run directly.
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) answer(`${require("../package.json").version}\n`);
else if (!((lastArg === "--help" || lastArg === "-h") && answerWithKeptHelp(args.slice(0, -1)))) startBundle();

/** Prints `text`, and nothing else loads. */
function answer(text) {
  if (process.env.MINIMAX_FILES_COMPILE_CACHE === "check") process.stderr.write("compile cache: not used\n");
  // A reader that closes the pipe ends the CLI quietly, as in src/bin.ts.
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.stdout.write(text);
}

/** Prints the help the build kept for the command at `path`; false, having printed nothing, when it kept none. */
function answerWithKeptHelp(path) {
  let texts;
  try {
    texts = JSON.parse(require("node:fs").readFileSync(`${__dirname}/../dist/help-texts.json`, "utf8"));
  } catch {
    return false;
  }
  // Only the file's own entries are strings (`constructor`, `__proto__` are not).
  const text = texts[path.join(" ")];
  if (typeof text !== "string") return false;
  answer(text);
  return true;
}

/** Runs the bundle, from this user's compile cache when there is one. */
function startBundle() {
  const { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
  const { createRequire } = require("node:module");
  const { homedir } = require("node:os");
  const { join } = require("node:path");
  const { Script } = require("node:vm");

  const bundle = join(__dirname, "..", "dist", "bin.cjs");
  const source = readFileSync(bundle, "utf8");
  const mode = process.env.MINIMAX_FILES_COMPILE_CACHE;
  const useCache = mode !== "off";

  /** This user's cache folder, if it is one only this user may write to; undefined otherwise. */
  function ownCacheFolder(create) {
    const folder =
      process.env.MINIMAX_FILES_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "minimax-files");
    try {
      if (create) mkdirSync(folder, { recursive: true, mode: 0o700 });
      const stats = lstatSync(folder);
      const own = stats.isDirectory() && (process.getuid === undefined || stats.uid === process.getuid()) && (stats.mode & 0o022) === 0;
      return own ? folder : undefined;
    } catch {
      return undefined;
    }
  }

  /** The cache's name: the Node binary (version, platform, size and time), then `bundleEnd`. */
  function cacheName(bundleEnd) {
    const node = statSync(process.execPath);
    return `bin-${[process.version, process.platform, process.arch, node.size, Math.trunc(node.mtimeMs)].join("-")}${bundleEnd}`;
  }

  let cachedData;
  let cacheFile;
  let bundleEnd;
  if (useCache) {
    try {
      const folder = ownCacheFolder(false);
      // How every cache of this bundle's name ends: its size and time.
      const made = statSync(bundle);
      bundleEnd = `-${made.size}-${Math.trunc(made.mtimeMs)}.v8cache`;
      cacheFile = cacheName(bundleEnd);
      if (folder) cachedData = readFileSync(join(folder, cacheFile));
    } catch {
      // no cache yet: compiled as usual, and written after the command has run
    }
  }
  // The build wrote the bundle inside `(function (exports, require, module, __filename, __dirname,
  // __dyn_) {` on a line of its own (scripts/compile-cache.mjs), so its text compiles as it is read.
  const script = new Script(source, { filename: bundle, lineOffset: -1, cachedData });
  const taken = cachedData !== undefined && !script.cachedDataRejected;
  if (mode === "check") {
    process.stderr.write(`compile cache: ${!useCache ? "not used" : !cachedData ? "missing" : taken ? "accepted" : "rejected"}\n`);
  }
  if (useCache && !taken && cacheFile) {
    process.once("beforeExit", () => {
      const folder = ownCacheFolder(true);
      if (!folder) return;
      const temporary = join(folder, `${cacheFile}.${process.pid}.tmp`);
      try {
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, join(folder, cacheFile));
        // Caches of bundles this one replaced (an upgrade) are of no more use.
        for (const name of readdirSync(folder)) {
          if (name.startsWith("bin-") && name.endsWith(".v8cache") && !name.endsWith(bundleEnd)) rmSync(join(folder, name), { force: true });
        }
      } catch {
        // a cache that cannot be written is only a slower next start
        rmSync(temporary, { force: true });
      }
    });
  }
  const bundleModule = { exports: {} };
  script
    .runInThisContext()
    .call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, join(__dirname, "..", "dist"), (specifier) =>
      import(specifier),
    );
}
