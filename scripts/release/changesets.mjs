/** The pending changesets in `.changeset/`, read with the yaml front matter parser. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { root } from "./packages.mjs";

/** Every pending changeset: its file and the bump it asks per package. */
export function pendingChangesets() {
  const folder = join(root, ".changeset");
  return readdirSync(folder)
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .map((name) => {
      const text = readFileSync(join(folder, name), "utf8");
      const front = /^---\n([\s\S]*?)\n---/.exec(text);
      return { file: name, bumps: front ? (parse(front[1]) ?? {}) : {}, text: front ? text.slice(front[0].length) : text };
    });
}

const rank = { patch: 1, minor: 2, major: 3 };

/** The largest bump pending for `name`, or undefined. */
export function pendingBump(changesets, name) {
  return changesets.reduce((largest, changeset) => {
    const bump = changeset.bumps[name];
    return bump && (!largest || rank[bump] > rank[largest]) ? bump : largest;
  }, undefined);
}

/**
 * The bump a breaking change needs: major from 1.0.0 on; while a package is 0.x, minor (the
 * 0.x policy in CONTRIBUTING.md: a 0.x minor may break).
 */
export function breakingBumpFor(version) {
  return version.startsWith("0.") ? "minor" : "major";
}

export const atLeast = (bump, wanted) => Boolean(bump) && rank[bump] >= rank[wanted];

/** Whether a pending changeset with at least `wanted` for `name` says, for its users, that it breaks something. */
export function announcesBreak(changesets, name, wanted) {
  return changesets.some((changeset) => atLeast(changeset.bumps[name], wanted) && /\bbreaking\b/i.test(changeset.text));
}
