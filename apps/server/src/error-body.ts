import type { components } from "@minimax-files/core";

type ErrorResponse = components["schemas"]["ErrorResponse"];

/** The API's error body: `{ base_resp: { status_code, status_msg } }`. */
export function errorBody(statusCode: number, statusMessage: string): ErrorResponse {
  return { base_resp: { status_code: statusCode, status_msg: statusMessage } };
}

/** MiniMax's codes this server answers with for its own refusals. */
export const statusCodes = {
  /** Unknown error: used when the upstream could not be reached or answered badly. */
  upstreamError: 1000,
  /** Account authentication failed: the caller's bearer token is missing or unknown. */
  authenticationFailed: 1004,
  /** Invalid input parameters. */
  invalidParameters: 2013,
} as const;
