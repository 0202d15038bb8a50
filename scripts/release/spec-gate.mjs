/**
 * The breaking-change gate: the spec of the last release (`spec/released/openapi.yaml`, written
 * by `pnpm release`) against `spec/openapi.yaml`, classified by openapi-diff (Atlassian's; it
 * reads OpenAPI 3.0, so both sides are read as 3.0 after dropping the two 3.1-only keywords the
 * spec uses, `info.summary` and `license.identifier`, which no client depends on; and as it
 * compares JSON bodies only, the multipart request's schema is shown to it as JSON). A breaking
 * change fails unless every published package has a pending changeset with the bump it needs
 * that says "breaking" (so the changelog tells users what to change).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { announcesBreak, breakingBumpFor, pendingChangesets } from "./changesets.mjs";
import { publishedPackages, root } from "./packages.mjs";

const run = promisify(execFile);

/** Returns the problems found (empty when the gate passes). */
export async function specGate({ released = join(root, "spec/released/openapi.yaml"), current = join(root, "spec/openapi.yaml") } = {}) {
  const folder = await mkdtemp(join(tmpdir(), "spec-gate-"));
  try {
    const [before, after] = await Promise.all([
      asOpenAPI30(released, join(folder, "released.yaml")),
      asOpenAPI30(current, join(folder, "current.yaml")),
    ]);
    const bin = join(root, "node_modules/.bin/openapi-diff");
    const outcome = await run(bin, [before, after], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stdout }) => ({ breaking: false, stdout }),
      (error) => ({ breaking: error.code === 1, stdout: error.stdout ?? "", stderr: error.stderr ?? "" }),
    );
    if (!outcome.breaking) {
      if (outcome.stderr) return [`openapi-diff failed: ${outcome.stderr}`];
      return [];
    }
    const report = JSON.parse(outcome.stdout.slice(outcome.stdout.indexOf("{")));
    const changes = report.breakingDifferences.map(
      (difference) =>
        `  ${difference.code} at ${[...(difference.sourceSpecEntityDetails ?? []), ...(difference.destinationSpecEntityDetails ?? [])]
          .map((detail) => detail.location)
          .filter((v, i, a) => a.indexOf(v) === i)
          .join(", ")}`,
    );
    const changesets = pendingChangesets();
    const missing = publishedPackages.filter(({ name, manifest }) => !announcesBreak(changesets, name, breakingBumpFor(manifest.version)));
    if (missing.length === 0) return [];
    const bumps = missing.map(({ name, manifest }) => `${breakingBumpFor(manifest.version)} bump for ${name}`).join(", ");
    return [
      `breaking change in spec/openapi.yaml since the last release (spec/released/openapi.yaml):\n${changes.join("\n")}\n` +
        `  it needs a changeset that says "Breaking:" and what users must change, with a ${bumps} ` +
        "(run `pnpm changeset`; see CONTRIBUTING.md)",
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function asOpenAPI30(path, out) {
  const document = parse(await readFile(path, "utf8"));
  document.openapi = "3.0.3";
  delete document.info?.summary;
  delete document.info?.license?.identifier;
  // openapi-diff compares JSON bodies only: the multipart request's schema is shown to it as JSON too.
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      const content = operation?.requestBody?.content;
      if (content?.["multipart/form-data"] && !content["application/json"])
        content["application/json"] = { schema: content["multipart/form-data"].schema };
    }
  }
  await writeFile(out, stringify(document));
  return out;
}
