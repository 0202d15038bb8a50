import { APIError, InvalidInputError, ResponseError } from "@minimax-files/core";
import type { Context } from "hono";
import { errorBody, statusCodes } from "./error-body.js";

/**
 * Answers a failed upload in the API's own error shape:
 * - MiniMax's refusals (`APIError`) pass through with their code and message, as MiniMax sends them (HTTP 200);
 * - input that core refused (`InvalidInputError`) is the caller's fault: 422 with code 2013;
 * - anything else (unreachable upstream, bad answers) is a gateway failure: 502 with code 1000.
 * The upstream's Trace-Id is passed on whenever there is one.
 */
export function answerUploadFailure(c: Context, error: unknown, log: (line: string) => void): Response {
  if (error instanceof ResponseError && error.traceId) c.header("Trace-Id", error.traceId);
  if (error instanceof APIError) {
    return c.json(errorBody(error.code, error.statusMessage), 200);
  }
  if (error instanceof InvalidInputError) {
    return c.json(errorBody(statusCodes.invalidParameters, error.message), 422);
  }
  log(`upload to upstream failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  const kind = error instanceof Error ? error.name : "unknown error";
  return c.json(errorBody(statusCodes.upstreamError, `upstream error (${kind})`), 502);
}
