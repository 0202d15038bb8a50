/** Where the repository's spec lives, and what it names, seen from this package's source or build. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Absolute path of `spec/openapi.yaml` at the repository root. */
export const specPath: string = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));

/** The spec, parsed (a plain object; tests enumerate statuses, examples and codes from it). */
export const specDocument: Record<string, unknown> & { paths: Record<string, Record<string, unknown>> } = parse(
  readFileSync(specPath, "utf8"),
);

/** The upload operation's path, read from the spec (its one `post` operation), never written twice. */
export const uploadPath: string = uploadPathIn(specDocument as { paths?: Record<string, { post?: unknown }> });

function uploadPathIn(spec: { paths?: Record<string, { post?: unknown }> }): string {
  const posts = Object.entries(spec.paths ?? {}).filter(([, item]) => item.post !== undefined);
  if (posts.length !== 1) throw new Error(`${specPath} should have exactly one POST operation, found ${posts.length}`);
  return posts[0]![0];
}
