import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/**
 * The spec the mock serves: the copy shipped in this package (`dist/openapi.yaml`, the contract of
 * this release), or, inside the repository before a build, `spec/openapi.yaml` itself.
 */
export const bundledSpecPath: string = [new URL("./openapi.yaml", import.meta.url), new URL("../../../spec/openapi.yaml", import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path))!;

/** One named example of the spec: where it is documented, its name, and the MiniMax code it carries. */
export interface NamedExample {
  /** The operation's id in the spec, e.g. `uploadFile`, `listFiles`. */
  operationId: string;
  /** `get` or `post`. */
  method: string;
  /** The operation's (gateway) path, e.g. `/minimax/v1/files/list`. */
  path: string;
  status: number;
  /** The media type it is documented under (`application/json`, or `application/octet-stream` for content). */
  mediaType: string;
  name: string;
  /** `base_resp.status_code` of the example (0 for success), when it has one. */
  code: number | undefined;
  summary: string | undefined;
  /** The example's value (a `$ref` to `components/examples` resolved). */
  value: unknown;
}

type Example = { summary?: string; value?: unknown; $ref?: string };
type Responses = Record<string, { $ref?: string; content?: Record<string, { examples?: Record<string, Example> }> }>;
type Spec = {
  paths: Record<string, Record<string, { operationId?: string; responses?: Responses }>>;
  components?: Record<string, Record<string, unknown>>;
};

/** Follows a local `$ref` (`#/components/...`) to what it names. */
function resolve<T extends { $ref?: string }>(document: Spec, value: T): T {
  if (!value.$ref) return value;
  const target = value.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
  if (target === undefined) throw new Error(`the spec's ${value.$ref} points nowhere`);
  return resolve(document, target as T);
}

/**
 * Every named example of every operation in `spec` (default: the bundled spec), in the spec's
 * order: for each operation, each documented status, each media type.
 */
export function namedExamples(spec: string = bundledSpecPath): NamedExample[] {
  const document = parse(readFileSync(spec, "utf8")) as Spec;
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      Object.entries(operation.responses ?? {}).flatMap(([status, declared]) =>
        Object.entries(resolve(document, declared).content ?? {}).flatMap(([mediaType, media]) =>
          Object.entries(media.examples ?? {}).map(([name, reference]) => {
            const example = resolve(document, reference);
            const value = example.value as { base_resp?: { status_code?: number } } | undefined;
            return {
              operationId: operation.operationId ?? `${method} ${path}`,
              method,
              path,
              status: Number(status),
              mediaType,
              name,
              code: value?.base_resp?.status_code,
              summary: example.summary,
              value: example.value,
            };
          }),
        ),
      ),
    ),
  );
}

/**
 * The request header that makes the Prism mock answer with a named example (and its status),
 * e.g. `{ Prefer: "code=200, example=rate_limited" }`: pass it as a default header of your
 * client. Names repeat across operations (every operation has `rate_limited`); `operationId`
 * picks one, by default the first operation that has the name (the upload). Throws, listing the
 * names, for one the spec does not have.
 */
export function exampleHeaders(name: string, options: { operationId?: string; spec?: string } | string = {}): { Prefer: string } {
  const { operationId, spec } = typeof options === "string" ? { spec: options, operationId: undefined } : options;
  const examples = namedExamples(spec).filter((candidate) => operationId === undefined || candidate.operationId === operationId);
  const example = examples.find((candidate) => candidate.name === name);
  if (!example)
    throw new Error(
      `the spec has no example named "${name}"; it has ${[...new Set(examples.map((candidate) => candidate.name))].join(", ")}`,
    );
  return { Prefer: `code=${example.status}, example=${example.name}` };
}
