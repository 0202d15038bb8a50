#!/usr/bin/env node
/**
 * The last step of the CLI's build (see bin/minimax-files.cjs): points the bundle's dynamic
 * imports at the `__dyn_` the starter gives it (the same length as `import(`, so the source map
 * still holds), writes the bundle inside the function the starter calls (one line before it, which
 * the starter's `lineOffset` takes back), then checks, in a cache folder of its own, that a first
 * start writes V8's code cache and the next one runs from it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
// The starter compiles the file's text as it is: joining the wrapper around it at each start made
// a 71 KB copy, enough to start a young-generation collection in every `--help` (about 830 KB of
// young objects where V8 collects at about 820; 2–10 ms of a start, measured side by side).
// (A bundle this step already wrote names __dyn_ in its wrapper too, so the check above refuses it.)
const wrapperHead = "(function (exports, require, module, __filename, __dirname, __dyn_) {\n";
writeFileSync(bundle, `${wrapperHead}${source.replace(/\bimport\("/g, '__dyn_("')}\n})`);

const folder = mkdtempSync(join(tmpdir(), "minimax-files-compile-cache-"));
try {
  const start = () =>
    spawnSync(process.execPath, [starter, "files", "list", "--help"], {
      encoding: "utf8",
      env: { ...process.env, MINIMAX_FILES_CACHE_DIR: folder, MINIMAX_FILES_COMPILE_CACHE: "check" },
    });
  const first = start();
  if (first.status !== 0 || !first.stderr.includes("compile cache: missing")) fail(`the first start failed:\n${first.stderr}`);
  const second = start();
  if (second.status !== 0 || !second.stderr.includes("compile cache: accepted"))
    fail(`V8 did not take the cache written:\n${second.stderr}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
