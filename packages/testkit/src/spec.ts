import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { specPath, uploadPath } from "./paths.js";

const uploadOperation = { path: uploadPath, method: "post" };

const specId = "openapi.json";
let ajv: Ajv2020 | undefined;

function validator(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true, logger: false });
    ajv.addSchema(parse(readFileSync(specPath, "utf8")) as object, specId);
  }
  return ajv;
}

/**
 * Checks a JSON body against the spec's schema for an operation's response with that HTTP status
 * (by default the upload's). Throws, listing every violation, when the status is not documented or
 * the body does not match.
 */
export function assertMatchesSpec(status: number, body: unknown, operation: { path: string; method: string } = uploadOperation): void {
  const path = operation.path.replaceAll("/", "~1");
  const pointer = `${specId}#/paths/${path}/${operation.method}/responses/${status}/content/application~1json/schema`;
  let validate;
  try {
    validate = validator().getSchema(pointer);
  } catch {
    validate = undefined;
  }
  if (!validate) throw new Error(`the spec documents no JSON response with status ${status}`);
  if (!validate(body)) {
    const problems = (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message}`);
    throw new Error(`status ${status} body does not match the spec: ${problems.join("; ")}\n${JSON.stringify(body)}`);
  }
}
