#!/usr/bin/env node
/**
 * The last step of the CLI's build (see bin/minimax-files.cjs): points the bundle's dynamic
 * imports at the `__dyn_` the starter gives it (the same length as `import(`, so the source map
 * still holds), then runs the CLI once (`files list --help`) to write V8's code cache for it, and
 * checks that V8 takes that cache.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = fileURLToPath(new URL("../dist/bin.cjs", import.meta.url));
const starter = fileURLToPath(new URL("../bin/minimax-files.cjs", import.meta.url));
const fail = (why) => {
  console.error(`compile-cache: ${why}`);
  process.exit(1);
};

const source = readFileSync(bundle, "utf8");
const dynamicImports = source.match(/\bimport\(/g)?.length ?? 0;
const literalImports = source.match(/\bimport\("[^"]+"\)/g)?.length ?? 0;
if (dynamicImports !== literalImports) fail(`${dynamicImports - literalImports} of the bundle's import() calls name no literal module`);
if (source.includes("__dyn_")) fail("the bundle already uses the name __dyn_");
writeFileSync(bundle, source.replace(/\bimport\("/g, '__dyn_("'));

rmSync(`${bundle}.cache`, { force: true });
const run = (mode) =>
  spawnSync(process.execPath, [starter, "files", "list", "--help"], {
    encoding: "utf8",
    env: { ...process.env, MINIMAX_FILES_COMPILE_CACHE: mode },
  });
const written = run("write");
if (written.status !== 0) fail(`the CLI failed while the cache was written:\n${written.stderr}`);
const checked = run("check");
if (!checked.stderr.includes("compile cache: accepted")) fail(`V8 did not take the cache it wrote:\n${checked.stderr}`);
