/** The workspace's published packages (not private), with their folders and manifests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../../", import.meta.url).pathname;

export const publishedPackages = ["packages/core", "packages/mock", "apps/cli", "apps/server"]
  .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) }))
  .filter(({ manifest }) => !manifest.private)
  .map(({ folder, manifest }) => ({ folder, name: manifest.name, manifest }));
