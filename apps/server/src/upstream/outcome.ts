import { APIError, MiniMaxFilesError, ResponseError } from "@minimax-files/core";

/**
 * What the upstream answered, from the error core threw: status, MiniMax code and Trace-Id; undefined when the upload never got an answer.
 */
export function upstreamOutcome(
  error: unknown,
): { httpStatus: number | undefined; code: number | undefined; traceId: string | undefined } | undefined {
  if (!(error instanceof MiniMaxFilesError) || error.attempts === 0) return undefined;
  if (error instanceof ResponseError)
    return { httpStatus: error.httpStatus, code: error instanceof APIError ? error.code : undefined, traceId: error.traceId };
  return { httpStatus: undefined, code: undefined, traceId: undefined };
}
