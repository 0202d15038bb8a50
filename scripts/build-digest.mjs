#!/usr/bin/env node
/**
 * The digest of what a package's build reads: the files matched by turbo.json's `build` inputs (its
 * sources, package.json, tsup and tsconfig files, the spec), by content, never by modification time.
 * Each published package's `build` ends with `node ../../scripts/build-digest.mjs --write`, which
 * stores it in `dist/.build-digest`; `require-dist.mjs` (its `prepack`) compares the two, so a
 * `dist/` restored from turbo's cache for the same inputs passes and one built from other sources
 * does not.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const digestFile = join("dist", ".build-digest");

function filesUnder(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files turbo.json's build inputs name for the package in `packageDir`, sorted. */
function buildInputs(packageDir) {
  const inputs = JSON.parse(readFileSync(join(root, "turbo.json"), "utf8")).tasks.build.inputs;
  return inputs
    .flatMap((pattern) => {
      const path = pattern.startsWith("$TURBO_ROOT$/") ? join(root, pattern.slice("$TURBO_ROOT$/".length)) : join(packageDir, pattern);
      if (path.endsWith("/**")) return filesUnder(path.slice(0, -3));
      if (/[*?[]/.test(path)) throw new Error(`build-digest: turbo.json input ${pattern} is a glob this script cannot read`);
      return existsSync(path) && statSync(path).isFile() ? [path] : [];
    })
    .sort();
}

/** sha-256 over every build input's path (relative to the repository) and bytes. */
export function buildDigest(packageDir = process.cwd()) {
  const hash = createHash("sha256");
  for (const path of buildInputs(resolve(packageDir))) {
    hash.update(`${relative(root, path)}\0`);
    hash.update(readFileSync(path));
    hash.update("\0");
  }
  return hash.digest("hex");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  writeFileSync(digestFile, `${buildDigest()}\n`);
}
