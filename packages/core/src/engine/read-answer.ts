/**
 * Reads any operation's JSON answer the same way: MiniMax's `base_resp` with a non-zero code
 * becomes the typed error for that code (whatever the HTTP status), a non-2xx answer without it an
 * `HTTPError`, a page or text that is not JSON an `InvalidResponseError`, and a body that is not
 * the documented shape an `InvalidResponseError` naming what is wrong. Ids are read exactly.
 * @module
 */
import { z } from "zod";
import { APIError, HTTPError, InvalidResponseError, type ResponseInfo, responseInfo } from "../errors.js";
import { parseFast } from "../fast-parse.js";
import type { HttpAnswer } from "../http-answer.js";
import { parseResponseJson } from "../json.js";
import { errorResponseWireSchema } from "../response-schema.js";

const snippetLength = 500;

/** Where an answer came from, for its errors. */
export interface AnswerContext {
  /** The base URL the request went to, for hints (a regional key). */
  baseURL: string;
  /** The attempt that got the answer (1 for the first). */
  attempt: number;
  /** The endpoint in words, e.g. `the list endpoint`. */
  endpoint: string;
}

/**
 * The answer's JSON, checked against `schema`, once every error it could hold has been thrown.
 *
 * @param response the HTTP answer (its body already read)
 * @param body the body: text, or JSON already parsed by openapi-fetch for non-2xx answers
 */
export function readAnswer<Schema extends z.ZodType>(
  response: HttpAnswer,
  body: unknown,
  schema: Schema,
  context: AnswerContext,
): { data: z.output<Schema>; info: ResponseInfo } {
  // Read from the answer only when an error or the caller needs them (most answers succeed).
  let known: ResponseInfo | undefined;
  const info = () => (known ??= responseInfo(response, context.attempt, context.endpoint));
  const snippet = () => (typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body)).slice(0, snippetLength);

  let json: unknown;
  if (typeof body === "string" && /\S/.test(body)) {
    try {
      json = parseResponseJson(body);
    } catch {
      if (!response.ok) throw HTTPError.fromStatus(info(), snippet());
      const html = /^\s*</.test(body) || (response.headers.get("content-type") ?? "").includes("html");
      throw new InvalidResponseError(
        html ? "html" : "not-json",
        `the body is ${html ? "an HTML page" : "not JSON"}: ${JSON.stringify(snippet())}`,
        info(),
      );
    }
  } else if (typeof body !== "string") {
    json = body;
  }

  throwIfMiniMaxError(json, info, context.baseURL);
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location");
    throw HTTPError.fromStatus(
      info(),
      `a redirect${location ? ` to ${location}` : ""}, which is not followed: point baseURL at the final host`,
    );
  }
  if (!response.ok) throw HTTPError.fromStatus(info(), snippet());
  if (json === undefined) throw new InvalidResponseError("empty", "the body is empty", info());

  const parsed = parseFast(schema, json);
  if (!parsed.success) {
    throw new InvalidResponseError("wrong-shape", `the JSON does not match the spec: ${z.prettifyError(parsed.error)}`, info());
  }
  return {
    data: parsed.data,
    get info() {
      return info();
    },
  };
}

/** Throws the typed error for a `base_resp` with a non-zero code; anything else passes. */
export function throwIfMiniMaxError(json: unknown, info: ResponseInfo | (() => ResponseInfo), baseURL: string): void {
  const code = (json as { base_resp?: { status_code?: unknown } } | null | undefined)?.base_resp?.status_code;
  if (code === 0 || code === undefined) return; // success, or no base_resp: nothing to throw (the common case, without a schema pass)
  const errorShape = errorResponseWireSchema.safeParse(json);
  if (errorShape.success && errorShape.data.base_resp.status_code !== 0) {
    const { status_code, status_msg } = errorShape.data.base_resp;
    throw APIError.fromStatus({ ...(typeof info === "function" ? info() : info), code: status_code, statusMessage: status_msg, baseURL });
  }
}
