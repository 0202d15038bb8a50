#!/usr/bin/env node
// `prepack` of every published package: refuses to pack one whose build is missing or older than
// its sources, so a tarball can never ship without its code. Run from the package's folder.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const entry = join("dist", "index.js");
const newest = (folder) =>
  readdirSync(folder, { withFileTypes: true }).reduce((latest, item) => {
    const path = join(folder, item.name);
    return Math.max(latest, item.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
if (!existsSync(entry)) {
  console.error(`${pkg.name}: ${entry} is missing. Run \`pnpm build\` at the repository root before packing.`);
  process.exit(1);
}
if (existsSync("src") && newest("src") > statSync(entry).mtimeMs) {
  console.error(`${pkg.name}: dist/ is older than src/. Run \`pnpm build\` at the repository root before packing.`);
  process.exit(1);
}
