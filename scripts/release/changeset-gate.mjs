/**
 * Every published package changed since the last release has a pending changeset. The last
 * release is the newest tag changesets made (`<name>@<version>`); before the first release,
 * every package counts as changed.
 */
import { execFileSync } from "node:child_process";
import { pendingBump, pendingChangesets } from "./changesets.mjs";
import { publishedPackages, root } from "./packages.mjs";

export function changesetGate() {
  const changesets = pendingChangesets();
  const problems = [];
  for (const { name, folder } of publishedPackages) {
    const tag = git(["tag", "--list", `${name}@*`, "--sort=-v:refname"])
      .split("\n")
      .filter(Boolean)[0];
    const changed =
      !tag ||
      git(["diff", "--name-only", tag, "--", folder])
        .split("\n")
        .some((file) => file && !file.endsWith(".md") && !file.includes("/test/"));
    if (changed && !pendingBump(changesets, name)) {
      problems.push(
        `${name} changed since ${tag ?? "the start (never released)"} but no changeset names it: run \`pnpm changeset\` and ` +
          `describe the change for its users`,
      );
    }
  }
  return problems;
}

const git = (args) => execFileSync("git", args, { cwd: root, encoding: "utf8" });
