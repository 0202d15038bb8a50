#!/usr/bin/env node
// `prepack` of every published package: refuses to pack one whose build is missing or was made from
// other sources than the ones here (judged by content: scripts/build-digest.mjs), so a tarball can
// never ship without its code, or with code from other sources. Run from the package's folder.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildDigest, digestFile } from "./build-digest.mjs";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const entry = join("dist", "index.js");
const advice = "Run `pnpm build` at the repository root before packing.";
if (!existsSync(entry)) {
  console.error(`${pkg.name}: ${entry} is missing. ${advice}`);
  process.exit(1);
}
const built = existsSync(digestFile) ? readFileSync(digestFile, "utf8").trim() : undefined;
if (built !== buildDigest()) {
  const why = built ? "was built from other sources than these (src/, package.json, the spec, …)" : `has no ${digestFile}`;
  console.error(`${pkg.name}: dist/ ${why}. ${advice}`);
  process.exit(1);
}
