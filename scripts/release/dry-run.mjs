#!/usr/bin/env node
// `pnpm release:dry-run`: what `pnpm version-packages` and `pnpm release` would do, without
// publishing or changing this tree: a scratch clone applies the changesets as a snapshot
// version, prints the versions and CHANGELOGs it would write, and packs every package.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publishedPackages, root } from "./packages.mjs";

const scratch = mkdtempSync(join(tmpdir(), "release-dry-run-"));
const sh = (command, args, cwd = scratch) => execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
try {
  sh("git", ["clone", "--quiet", root, scratch], root);
  sh("pnpm", ["install", "--frozen-lockfile", "--silent"]);
  sh("pnpm", ["changeset", "version"]);
  for (const { folder, name } of publishedPackages) {
    const { version } = JSON.parse(readFileSync(join(scratch, folder, "package.json"), "utf8"));
    console.log(
      `\n${name} → ${version}\n${readFileSync(join(scratch, folder, "CHANGELOG.md"), "utf8")
        .split("\n")
        .slice(0, 12)
        .join("\n")}\n…`,
    );
  }
  sh("pnpm", ["build"]);
  for (const { folder } of publishedPackages)
    console.log(sh("pnpm", ["pack", "--pack-destination", join(scratch, "packs")], join(scratch, folder)).trim());
  console.log("\ndry run done: nothing was published and this tree is unchanged");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
