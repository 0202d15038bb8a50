import { APIError, HTTPError, InvalidResponseError } from "./errors.js";
import { parseResponseJson } from "./json.js";
import { errorResponseWireSchema, uploadResponseWireSchema } from "./response-schema.js";
import type { UploadedFile } from "./uploaded-file.js";
import { z } from "zod";

const snippetLength = 500;

/**
 * Reads the upload endpoint's answer: returns the uploaded file, or throws the error that says
 * what went wrong.
 *
 * @param response the HTTP answer (its body already read)
 * @param body the body: text, or JSON already parsed by openapi-fetch for non-2xx answers
 * @param baseURL where the request went, for hints in errors
 */
export function readUploadResponse(response: Response, body: unknown, baseURL: string): UploadedFile {
  const httpStatus = response.status;
  const traceId = response.headers.get("trace-id") ?? undefined;
  const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);

  let json: unknown;
  if (typeof body === "string") {
    try {
      json = parseResponseJson(body);
    } catch {
      if (!response.ok) throw new HTTPError(httpStatus, text.slice(0, snippetLength), traceId);
      throw new InvalidResponseError(`the body is not JSON: ${JSON.stringify(text.slice(0, snippetLength))}`, httpStatus, traceId);
    }
  } else {
    json = body;
  }

  const errorShape = errorResponseWireSchema.safeParse(json);
  if (errorShape.success && errorShape.data.base_resp.status_code !== 0) {
    const { status_code, status_msg } = errorShape.data.base_resp;
    throw APIError.fromStatus({ code: status_code, statusMessage: status_msg, httpStatus, traceId, baseURL });
  }
  if (!response.ok) throw new HTTPError(httpStatus, text.slice(0, snippetLength), traceId);
  if (json === undefined) throw new InvalidResponseError("the body is empty", httpStatus, traceId);

  const parsed = uploadResponseWireSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidResponseError(`the JSON does not match the spec: ${z.prettifyError(parsed.error)}`, httpStatus, traceId);
  }
  const file = parsed.data.file;
  if (file?.file_id === undefined) {
    throw new InvalidResponseError("status 0 (success) came without file.file_id", httpStatus, traceId);
  }
  return { ...file, file_id: String(file.file_id) };
}
