import { z } from "zod";
import { APIError, HTTPError, InvalidResponseError, responseInfo } from "./errors.js";
import { parseResponseJson } from "./json.js";
import { errorResponseWireSchema, uploadResponseWireSchema } from "./response-schema.js";
import type { UploadedFile } from "./uploaded-file.js";

const snippetLength = 500;

/**
 * Reads the upload endpoint's answer: returns the uploaded file, or throws the error that says
 * what went wrong.
 *
 * @param response the HTTP answer (its body already read)
 * @param body the body: text, or JSON already parsed by openapi-fetch for non-2xx answers
 * @param baseURL where the request went, for hints in errors
 * @param attempt the attempt that got this answer (1 for the first), carried by the errors
 */
export function readUploadResponse(response: Response, body: unknown, baseURL: string, attempt?: number): UploadedFile {
  const info = responseInfo(response, attempt);
  const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  const snippet = text.slice(0, snippetLength);

  let json: unknown;
  if (typeof body === "string" && body.trim() !== "") {
    try {
      json = parseResponseJson(body);
    } catch {
      if (!response.ok) throw HTTPError.fromStatus(info, snippet);
      const html = /^\s*</.test(body) || (response.headers.get("content-type") ?? "").includes("html");
      throw new InvalidResponseError(
        html ? "html" : "not-json",
        `the body is ${html ? "an HTML page" : "not JSON"}: ${JSON.stringify(snippet)}`,
        info,
      );
    }
  } else if (typeof body !== "string") {
    json = body;
  }

  const errorShape = errorResponseWireSchema.safeParse(json);
  if (errorShape.success && errorShape.data.base_resp.status_code !== 0) {
    const { status_code, status_msg } = errorShape.data.base_resp;
    throw APIError.fromStatus({ ...info, code: status_code, statusMessage: status_msg, baseURL });
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location");
    throw HTTPError.fromStatus(
      info,
      `a redirect${location ? ` to ${location}` : ""}, which uploads do not follow: point baseURL at the final host`,
    );
  }
  if (!response.ok) throw HTTPError.fromStatus(info, snippet);
  if (json === undefined) throw new InvalidResponseError("empty", "the body is empty", info);

  const parsed = uploadResponseWireSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidResponseError("wrong-shape", `the JSON does not match the spec: ${z.prettifyError(parsed.error)}`, info);
  }
  const file = parsed.data.file;
  if (file?.file_id === undefined) {
    throw new InvalidResponseError("no-file-id", "status 0 (success) came without file.file_id", info);
  }
  return { ...file, file_id: String(file.file_id) };
}
