import { readAnswer } from "./engine/read-answer.js";
import { InvalidResponseError } from "./errors.js";
import type { HttpAnswer } from "./http-answer.js";
import { uploadResponseWireSchema } from "./response-schema.js";
import { type UploadedFile, withDigitsId } from "./uploaded-file.js";

/**
 * Reads the upload endpoint's answer: returns the uploaded file, or throws the error that says
 * what went wrong (see `readAnswer`).
 *
 * @param response the HTTP answer (its body already read)
 * @param body the body: text, or JSON already parsed by openapi-fetch for non-2xx answers
 * @param baseURL where the request went, for hints in errors
 * @param attempt the attempt that got this answer (1 for the first), carried by the errors
 */
export function readUploadResponse(response: HttpAnswer, body: unknown, baseURL: string, attempt = 1): UploadedFile {
  // `answer.info` is read only for an error: reading it costs a pass over the headers.
  const answer = readAnswer(response, body, uploadResponseWireSchema, { baseURL, attempt, endpoint: "the upload endpoint" });
  const file = answer.data.file;
  if (file?.file_id === undefined) {
    throw new InvalidResponseError("no-file-id", "status 0 (success) came without file.file_id", answer.info);
  }
  return withDigitsId(file);
}
