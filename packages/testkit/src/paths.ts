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

/** An operation of the spec: its id, method and path. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
}

/** Every operation of the spec, in its order, read from it (never listed by hand). */
export const specOperations: SpecOperation[] = Object.entries(specDocument.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, { operationId?: string }>).flatMap(([method, operation]) =>
    operation?.operationId ? [{ operationId: operation.operationId, method, path }] : [],
  ),
);

/** The path of the operation with this id, read from the spec. */
export function operationPath(operationId: string): string {
  const operation = specOperations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`${specPath} has no operation ${operationId}`);
  return operation.path;
}

/** The upload operation's path, read from the spec (its `uploadFile` operation), never written twice. */
export const uploadPath: string = operationPath("uploadFile");
