import type { components } from "@minimax-files/core";
import type { Context } from "hono";

type ErrorResponse = components["schemas"]["ErrorResponse"];

/** The API's error body: `{ base_resp: { status_code, status_msg } }`. */
export function errorBody(statusCode: number, statusMessage: string): ErrorResponse {
  return { base_resp: { status_code: statusCode, status_msg: statusMessage } };
}

/** MiniMax's codes this server answers with for its own refusals. */
export const statusCodes = {
  /** Unknown error: the upstream could not be reached, answered badly, or the service is misconfigured or unavailable. */
  upstreamError: 1000,
  /** Rate limit: the upstream account's limit was reached. */
  rateLimited: 1002,
  /** Account authentication failed: the caller's bearer token is missing or unknown. */
  authenticationFailed: 1004,
  /** Invalid input parameters. */
  invalidParameters: 2013,
} as const;

/** A refusal or failure as the server answers it: status, body and the retry advice headers. */
export interface ErrorAnswer {
  status: 400 | 401 | 404 | 408 | 409 | 413 | 422 | 429 | 500 | 502 | 503 | 504;
  /** `base_resp.status_code`. */
  code: number;
  /** `base_resp.status_msg`: written by this server, or MiniMax's text scrubbed of secrets. */
  message: string;
  /** Whether sending the same upload again can succeed: the `x-should-retry` header. */
  shouldRetry: boolean;
  /** Seconds to wait before retrying: the `Retry-After` header. */
  retryAfterSeconds?: number | undefined;
  /** MiniMax's `Trace-Id`, passed on when there is one. */
  traceId?: string | undefined;
}

/** Answers an {@link ErrorAnswer} in the API's error shape, with `x-should-retry`, `Retry-After` and `Trace-Id`. */
export function respondWithError(c: Context, answer: ErrorAnswer): Response {
  c.header("x-should-retry", String(answer.shouldRetry));
  if (answer.retryAfterSeconds !== undefined) c.header("Retry-After", String(answer.retryAfterSeconds));
  if (answer.traceId) c.header("Trace-Id", answer.traceId);
  return c.json(errorBody(answer.code, answer.message), answer.status);
}
