import { InvalidInputError } from "./errors.js";
import { checkPurpose, type Purpose } from "./purpose.js";
import { checkHeaderText, describeValue } from "./validate.js";

/**
 * Checks the parameters of one upload (a JS caller may pass anything) and returns the purpose.
 * The `file` itself is checked when it is opened.
 * @throws InvalidInputError naming the parameter.
 */
export function checkUploadParams(params: unknown): Purpose {
  if (params === null || typeof params !== "object")
    throw new InvalidInputError("params", `got ${describeValue(params)}`, "an object such as { file, purpose }");
  const { file, purpose, filename, contentType } = params as Record<string, unknown>;
  if (file === undefined || file === null) {
    throw new InvalidInputError("file", "no file was given", "a path, a file: URL, a Blob/File, bytes or a stream");
  }
  if (filename !== undefined && (typeof filename !== "string" || filename === "")) {
    throw new InvalidInputError("filename", `got ${describeValue(filename)}`, "a non-empty string");
  }
  checkHeaderText("contentType", contentType, "a media type on one line, such as audio/wav");
  return checkPurpose(purpose);
}
