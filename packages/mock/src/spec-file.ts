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

/** One named example of the spec: the status it is documented under, its name, and the MiniMax code it carries. */
export interface NamedExample {
  status: number;
  name: string;
  /** `base_resp.status_code` of the example (0 for success), when it has one. */
  code: number | undefined;
  summary: string | undefined;
}

type Spec = {
  paths: Record<
    string,
    {
      post?: {
        responses?: Record<
          string,
          {
            content?: Record<string, { examples?: Record<string, { summary?: string; value?: { base_resp?: { status_code?: number } } }> }>;
          }
        >;
      };
    }
  >;
};

/** Every named example of the upload operation in `spec` (default: the bundled spec), in the spec's order. */
export function namedExamples(spec: string = bundledSpecPath): NamedExample[] {
  const document = parse(readFileSync(spec, "utf8")) as Spec;
  return Object.values(document.paths).flatMap((item) =>
    Object.entries(item.post?.responses ?? {}).flatMap(([status, response]) =>
      Object.entries(response.content?.["application/json"]?.examples ?? {}).map(([name, example]) => ({
        status: Number(status),
        name,
        code: example.value?.base_resp?.status_code,
        summary: example.summary,
      })),
    ),
  );
}

/**
 * The request header that makes the Prism mock answer with a named example (and its status),
 * e.g. `{ Prefer: "code=200, example=rate_limited" }`: pass it as a default header of your
 * client. Throws, listing the names, for one the spec does not have.
 */
export function exampleHeaders(name: string, spec: string = bundledSpecPath): { Prefer: string } {
  const examples = namedExamples(spec);
  const example = examples.find((candidate) => candidate.name === name);
  if (!example)
    throw new Error(`the spec has no example named "${name}"; it has ${examples.map((candidate) => candidate.name).join(", ")}`);
  return { Prefer: `code=${example.status}, example=${example.name}` };
}
