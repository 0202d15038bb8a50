#!/usr/bin/env node
"use strict";
// Starts the CLI's one-file bundle (dist/bin.cjs) from V8's code cache (dist/bin.cjs.cache,
// written by the build), so that a start does not compile commander and our commands again: about
// 8 ms of every start on Node 20, which has no compile cache of its own (module.enableCompileCache
// is Node 22). A cache made by another Node or for another bundle is refused by V8, and the bundle
// is then compiled as Node would compile it.
//
// The bundle's dynamic imports (core, cli-progress, Node's modules) are rewritten at build to call
// `__dyn_`, given here: code V8 runs from a cache cannot call `import()` on Node 20 ("A dynamic
// import callback was not specified"), and this file's `import()` resolves as the bundle's would.
//
// MINIMAX_FILES_COMPILE_CACHE=write (the build) writes the cache after the command has run;
// =check prints whether V8 took it. Both are for the build and its tests.
const { readFileSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");

const bundle = join(__dirname, "..", "dist", "bin.cjs");
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache: compiled as usual
}
const script = new Script(`(function (exports, require, module, __filename, __dirname, __dyn_) {\n${readFileSync(bundle, "utf8")}\n})`, {
  filename: bundle,
  lineOffset: -1,
  cachedData,
});
const mode = process.env.MINIMAX_FILES_COMPILE_CACHE;
if (mode === "check") process.stderr.write(`compile cache: ${!cachedData ? "missing" : script.cachedDataRejected ? "rejected" : "accepted"}\n`);
if (mode === "write") process.once("beforeExit", () => writeFileSync(cacheFile, script.createCachedData()));
const bundleModule = { exports: {} };
script
  .runInThisContext()
  .call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, join(__dirname, "..", "dist"), (specifier) => import(specifier));
