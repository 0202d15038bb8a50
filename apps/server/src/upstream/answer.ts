import {
  APIError,
  ASRSimilarityError,
  AudioPreflightError,
  AuthenticationError,
  ConnectionError,
  DuplicateVoiceIdError,
  ForbiddenError,
  HTTPError,
  InsufficientBalanceError,
  InternalServiceError,
  InvalidAPIKeyError,
  InvalidInputError,
  InvalidParametersError,
  InvalidResponseError,
  NotFoundError,
  PayloadTooLargeError,
  PromptSimilarityError,
  parseRetryAfter,
  RateLimitError,
  ResponseError,
  SensitiveContentError,
  ServerError,
  ServiceTimeoutError,
  SourceError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
} from "@minimax-files/core";
import { type ErrorAnswer, statusCodes } from "../error-body.js";
import { scrubUpstreamText } from "./scrub.js";

/** A voice clone refused for what the caller sent: a taken voice id, a transcript or clip that did not match, the audio. */
function isCallersCloneInput(error: unknown): error is APIError {
  return (
    error instanceof DuplicateVoiceIdError ||
    error instanceof ASRSimilarityError ||
    error instanceof PromptSimilarityError ||
    (error instanceof APIError && [2037, 2042, 2048, 20132].includes(error.code))
  );
}

/** `Retry-After` for an upstream rate limit that did not say how long to wait. */
export const defaultRateLimitRetryAfterSeconds = 5;

/** What the server learned from a failed upload: the caller's answer and, for the operator, the real cause. */
export interface FailureVerdict {
  answer: ErrorAnswer;
  /** Set when the operator must act (misconfiguration) or the upstream failed: logged, never sent. */
  operatorMessage?: string | undefined;
}

/**
 * Maps core's error for a failed upload to the caller's answer (see the server README's table):
 * - the caller's fault (their audio, their input, MiniMax's 2013/1026) → 4xx with the reason;
 * - MiniMax's rate limit (1002, HTTP 429) → 429 with `Retry-After` passed on or computed;
 * - the server's own key or account refused (1004, 2049, 1008, HTTP 401/403/404) → 502 "misconfigured",
 *   the real cause only in the log;
 * - upstream unreachable / failing / invalid → 502; timed out → 504.
 * No upstream text reaches the caller unscrubbed (`secrets` and anything key-shaped are removed).
 */
export function verdictForUploadError(error: unknown, secrets: readonly string[]): FailureVerdict {
  const traceId = error instanceof ResponseError ? error.traceId : undefined;
  const scrub = (text: string) => scrubUpstreamText(text, secrets);
  const answer = (init: Omit<ErrorAnswer, "traceId">, operatorMessage?: string): FailureVerdict => ({
    answer: { ...init, traceId },
    operatorMessage: operatorMessage === undefined ? undefined : scrub(operatorMessage),
  });
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);

  if (error instanceof AudioPreflightError) {
    const message = `audio refused before upload (${error.rule} check): found ${error.found}; allowed: ${error.limit}`;
    return answer({ status: error.rule === "size" ? 413 : 422, code: statusCodes.invalidParameters, message, shouldRetry: false });
  }
  if (error instanceof SourceError) {
    return answer({
      status: 400,
      code: statusCodes.invalidParameters,
      message: `the upload's body could not be read: ${scrub(error.message)}`,
      shouldRetry: false,
    });
  }
  if (error instanceof InvalidInputError) {
    return answer({ status: 422, code: statusCodes.invalidParameters, message: scrub(error.message), shouldRetry: false });
  }
  if (error instanceof RateLimitError || error instanceof TooManyRequestsError) {
    return answer({
      status: 429,
      code: statusCodes.rateLimited,
      message: "MiniMax's rate limit for this service was reached; retry after the time in Retry-After",
      shouldRetry: true,
      retryAfterSeconds: retryAfterSeconds(error.retryAfter),
    });
  }
  if (
    error instanceof AuthenticationError ||
    error instanceof InvalidAPIKeyError ||
    error instanceof InsufficientBalanceError ||
    error instanceof UnauthorizedError ||
    error instanceof ForbiddenError ||
    error instanceof NotFoundError
  ) {
    return answer(
      {
        status: 502,
        code: statusCodes.upstreamError,
        message: "the upload service is misconfigured; its operator has been told",
        shouldRetry: false,
      },
      `upstream refused the server's own credentials, account or address (${cause}): check MINIMAX_API_KEY, its region and ` +
        `MINIMAX_BASE_URL`,
    );
  }
  if (error instanceof InvalidParametersError || error instanceof SensitiveContentError || isCallersCloneInput(error)) {
    return answer({ status: 422, code: error.code, message: scrub(error.statusMessage), shouldRetry: false });
  }
  if (error instanceof ServiceTimeoutError || error instanceof InternalServiceError) {
    // MiniMax's own transient failures (1001 timed out, 1013 internal): the same request may succeed.
    return answer(
      {
        status: error instanceof ServiceTimeoutError ? 504 : 502,
        code: error.code,
        message: `MiniMax failed: ${scrub(error.statusMessage)}; retry`,
        shouldRetry: true,
      },
      `upstream answered code ${error.code} (${cause})`,
    );
  }
  if (error instanceof APIError) {
    return answer(
      { status: 502, code: error.code, message: `MiniMax refused the upload: ${scrub(error.statusMessage)}`, shouldRetry: false },
      `upstream answered code ${error.code} (${cause})`,
    );
  }
  if (error instanceof PayloadTooLargeError) {
    return answer(
      { status: 413, code: statusCodes.invalidParameters, message: "the upstream refused the body as too large", shouldRetry: false },
      cause,
    );
  }
  if (error instanceof TimeoutError) {
    return answer(
      {
        status: 504,
        code: statusCodes.upstreamError,
        message: `the upstream did not answer within ${error.timeoutMs} ms`,
        shouldRetry: true,
      },
      cause,
    );
  }
  if (error instanceof ConnectionError || error instanceof ServerError) {
    return answer(
      { status: 502, code: statusCodes.upstreamError, message: `the upstream failed (${error.name})`, shouldRetry: true },
      cause,
    );
  }
  if (error instanceof InvalidResponseError || error instanceof HTTPError) {
    // The upload may have been stored: retrying could store it twice.
    return answer(
      { status: 502, code: statusCodes.upstreamError, message: `the upstream answered badly (${error.name})`, shouldRetry: false },
      cause,
    );
  }
  return answer({ status: 502, code: statusCodes.upstreamError, message: "the upload failed upstream", shouldRetry: true }, cause);
}

function retryAfterSeconds(header: string | undefined): number {
  const ms = parseRetryAfter(header);
  return ms === undefined ? defaultRateLimitRetryAfterSeconds : Math.max(1, Math.ceil(ms / 1000));
}
