/**
 * Every error the client throws, in one tree rooted at {@link MiniMaxFilesError}:
 *
 * - {@link APIError}: MiniMax answered with a non-zero `base_resp.status_code`; one subclass per
 *   documented code, `APIError` itself for any other code.
 * - {@link HTTPError}: a non-2xx answer without the API's error body; one subclass per common status.
 * - {@link InvalidResponseError}: an answer that is not the documented JSON (`reason` says how).
 * - {@link ConnectionError}, {@link TimeoutError}, {@link AbortedError}: no usable answer.
 * - {@link InvalidInputError} and {@link AudioPreflightError}: refused before anything was sent.
 *
 * Every error says whether trying again can help (`retryable`) and how many attempts were made
 * (`attempts`). None holds the API key: not in its message, its properties, `toString()` or
 * `toJSON()`.
 * @module
 */

import { otherRegionHost } from "./hosts.js";
import type { HttpAnswer } from "./http-answer.js";

/** What every error is made with, besides its message. */
export interface ErrorContext {
  /** The underlying error, if any. */
  cause?: unknown;
  /** The attempt during which the error arose (1 for the first); 0 or absent when nothing was sent. */
  attempts?: number | undefined;
}

/** Base class of every error thrown by this package. */
export class MiniMaxFilesError extends Error {
  override name = "MiniMaxFilesError";
  /** Whether sending the same upload again can succeed (the client retries these itself, up to `maxRetries`). */
  readonly retryable: boolean = false;
  /** How many attempts were made when this error arose (0 when nothing was sent). */
  readonly attempts: number;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.attempts = context.attempts ?? 0;
  }

  /** The error's fields as plain JSON (the `cause` as its message only). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== "cause" && value !== undefined) json[key] = value;
    }
    if (this.cause !== undefined) json["cause"] = this.cause instanceof Error ? this.cause.message : String(this.cause);
    return json;
  }
}

/** What the client learned from an HTTP answer, carried by the errors built from it. */
export interface ResponseInfo {
  /** HTTP status of the answer. */
  httpStatus: number;
  /** MiniMax's `Trace-Id` header: its support asks for it. */
  traceId?: string | undefined;
  /** The `x-request-id` header, when a gateway sends one. */
  requestId?: string | undefined;
  /** The `Retry-After` header, as sent. */
  retryAfter?: string | undefined;
  /** The attempt that got this answer (1 for the first). */
  attempts?: number | undefined;
  /** The `x-should-retry` header (`true` or `false`), when the server sent one. */
  shouldRetry?: boolean | undefined;
  /** Which endpoint answered, in words, for messages: e.g. `the upload endpoint`. Defaults to the upload endpoint. */
  endpoint?: string | undefined;
}

/** Reads {@link ResponseInfo} from the answer to attempt number `attempts` of `endpoint` (in words). */
export function responseInfo(response: HttpAnswer, attempts?: number, endpoint?: string): ResponseInfo {
  const header = (name: string) => response.headers.get(name) ?? undefined;
  const shouldRetry = header("x-should-retry")?.trim().toLowerCase();
  return {
    httpStatus: response.status,
    traceId: header("trace-id"),
    requestId: header("x-request-id"),
    retryAfter: header("retry-after"),
    attempts,
    shouldRetry: shouldRetry === "true" ? true : shouldRetry === "false" ? false : undefined,
    endpoint,
  };
}

const endpointOf = (info: ResponseInfo) => info.endpoint ?? "the upload endpoint";

function traceSuffix(info: ResponseInfo): string {
  const ids = [info.traceId && `trace id ${info.traceId}`, info.requestId && `request id ${info.requestId}`].filter(Boolean);
  return ids.length ? ` (${ids.join(", ")})` : "";
}

/** An error built from an HTTP answer: it carries the status and MiniMax's trace id. */
export class ResponseError extends MiniMaxFilesError {
  override name = "ResponseError";
  /** HTTP status of the answer. */
  readonly httpStatus: number;
  /** MiniMax's `Trace-Id` header, when sent: quote it to MiniMax support. */
  readonly traceId: string | undefined;
  /** The `x-request-id` header, when sent. */
  readonly requestId: string | undefined;
  /** The `Retry-After` header, when sent. */
  readonly retryAfter: string | undefined;
  /**
   * The server's own advice, from its `x-should-retry` header (gateways such as this project's
   * server send it on every error), when it gave one: the client follows it over `retryable`.
   */
  readonly shouldRetry: boolean | undefined;

  constructor(message: string, info: ResponseInfo) {
    super(message, { attempts: info.attempts });
    this.shouldRetry = info.shouldRetry;
    this.httpStatus = info.httpStatus;
    this.traceId = info.traceId;
    this.requestId = info.requestId;
    this.retryAfter = info.retryAfter;
  }
}

/** What an {@link APIError} is built from. */
export interface APIErrorInit extends ResponseInfo {
  /** `base_resp.status_code`. */
  code: number;
  /** `base_resp.status_msg`. */
  statusMessage: string;
  /** The base URL the request went to, used for hints. */
  baseURL?: string | undefined;
}

/**
 * MiniMax refused the request with a non-zero `base_resp.status_code`.
 * Thrown as is for codes without a class of their own (e.g. 1000, 1039), keeping code and message.
 */
export class APIError extends ResponseError {
  override name = "APIError";
  /** `base_resp.status_code`. */
  readonly code: number;
  /** `base_resp.status_msg`, as MiniMax sent it. */
  readonly statusMessage: string;

  constructor(init: APIErrorInit, hint?: string) {
    super(`MiniMax error ${init.code}: ${init.statusMessage}${traceSuffix(init)}${hint ? `. ${hint}` : ""}`, init);
    this.code = init.code;
    this.statusMessage = init.statusMessage;
  }

  /** Builds the subclass that matches `init.code`, or `APIError` for an unknown code. */
  static fromStatus(init: APIErrorInit): APIError {
    const ErrorClass = errorClassByCode[init.code];
    return ErrorClass ? new ErrorClass(init) : new APIError(init);
  }
}

/** 1002: rate limit triggered. Retried with backoff. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
  override readonly retryable = true;
}

/** 1001: MiniMax timed out on the request. Retried with backoff. */
export class ServiceTimeoutError extends APIError {
  override name = "ServiceTimeoutError";
  override readonly retryable = true;
}

/** 1013: an internal error of MiniMax's service. Retried with backoff. */
export class InternalServiceError extends APIError {
  override name = "InternalServiceError";
  override readonly retryable = true;
}

/** 1004: account authentication failed; check the API key. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}

/** 1008: insufficient account balance. */
export class InsufficientBalanceError extends APIError {
  override name = "InsufficientBalanceError";
}

/** 1026 (the input) or 1027 (the output): the content was judged sensitive. */
export class SensitiveContentError extends APIError {
  override name = "SensitiveContentError";
}

/** 2013: invalid input parameters; the request body was refused. */
export class InvalidParametersError extends APIError {
  override name = "InvalidParametersError";
}

/**
 * 2049: invalid API key. Keys are regional: on one of MiniMax's hosts the message suggests the
 * other region's host.
 */
export class InvalidAPIKeyError extends APIError {
  override name = "InvalidAPIKeyError";

  constructor(init: APIErrorInit) {
    super(init, regionHint(init.baseURL));
  }
}

function regionHint(baseURL: string | undefined): string | undefined {
  if (!baseURL) return undefined;
  let host: string;
  try {
    host = new URL(baseURL).hostname;
  } catch {
    return undefined;
  }
  const other = otherRegionHost(host);
  return other ? `API keys are regional: a key issued for https://${other} is refused by https://${host}` : undefined;
}

/** 2038: the account may not clone voices: it needs MiniMax's real-name verification. */
export class CloningNotPermittedError extends APIError {
  override name = "CloningNotPermittedError";

  constructor(init: APIErrorInit) {
    super(init, "Voice cloning needs a verified account: complete real-name verification on MiniMax's platform, then retry");
  }
}

/** 2039: the `voice_id` is taken in this account. */
export class DuplicateVoiceIdError extends APIError {
  override name = "DuplicateVoiceIdError";

  constructor(init: APIErrorInit) {
    super(init, "The voice_id is taken in this account: pick another, or use the voice already cloned under it");
  }
}

/** 1043: MiniMax's speech recognition of the recording did not match the text it was given. */
export class ASRSimilarityError extends APIError {
  override name = "ASRSimilarityError";

  constructor(init: APIErrorInit) {
    super(init, "What MiniMax heard in the recording did not match its transcript (prompt.text): check the text says what the clip says");
  }
}

/** 1044: the clone did not sound enough like the prompt audio. */
export class PromptSimilarityError extends APIError {
  override name = "PromptSimilarityError";

  constructor(init: APIErrorInit) {
    super(init, "The cloned voice was compared with the prompt audio and did not match: use a clip of the same speaker and conditions");
  }
}

/**
 * Codes MiniMax documents that have no class of their own and are thrown as `APIError` on
 * purpose (1000: unknown error; 1039: token limit; 2037: the audio's duration; 2042: no access to
 * the voice_id; 2048: the prompt audio is too long; 20132: invalid samples or voice_id). Every code the spec names is either here or
 * in the table below (`test/spec-coverage.test.ts` checks).
 */
export const genericErrorCodes: readonly number[] = [1000, 1039, 2037, 2042, 2048, 20132];

const errorClassByCode: Record<number, new (init: APIErrorInit) => APIError> = {
  1001: ServiceTimeoutError,
  1002: RateLimitError,
  1004: AuthenticationError,
  1008: InsufficientBalanceError,
  1013: InternalServiceError,
  1026: SensitiveContentError,
  1043: ASRSimilarityError,
  1044: PromptSimilarityError,
  1027: SensitiveContentError,
  2013: InvalidParametersError,
  2038: CloningNotPermittedError,
  2039: DuplicateVoiceIdError,
  2049: InvalidAPIKeyError,
};

/** A non-2xx HTTP answer without the API's `base_resp` error body. 408, 429 and 5xx are retried. */
export class HTTPError extends ResponseError {
  override name = "HTTPError";
  override readonly retryable: boolean;
  /** The first 500 characters of the body, for diagnosis. */
  readonly bodySnippet: string;

  constructor(info: ResponseInfo, bodySnippet: string) {
    super(`HTTP ${info.httpStatus} from ${endpointOf(info)}${traceSuffix(info)}: ${bodySnippet || "(empty body)"}`, info);
    this.bodySnippet = bodySnippet;
    this.retryable = info.httpStatus === 408 || info.httpStatus === 429 || info.httpStatus >= 500;
  }

  /** Builds the subclass that matches the status, or `HTTPError` itself. */
  static fromStatus(info: ResponseInfo, bodySnippet: string): HTTPError {
    const ErrorClass = info.httpStatus >= 500 ? ServerError : httpErrorClassByStatus[info.httpStatus];
    return ErrorClass ? new ErrorClass(info, bodySnippet) : new HTTPError(info, bodySnippet);
  }
}

/** HTTP 400. */
export class BadRequestError extends HTTPError {
  override name = "BadRequestError";
}
/** HTTP 401: the gateway or host refused the credentials. */
export class UnauthorizedError extends HTTPError {
  override name = "UnauthorizedError";
}
/** HTTP 403. */
export class ForbiddenError extends HTTPError {
  override name = "ForbiddenError";
}
/** HTTP 404: check the base URL. */
export class NotFoundError extends HTTPError {
  override name = "NotFoundError";
}
/** HTTP 408. Retried. */
export class RequestTimeoutError extends HTTPError {
  override name = "RequestTimeoutError";
}
/** HTTP 413: the body is larger than the host accepts. */
export class PayloadTooLargeError extends HTTPError {
  override name = "PayloadTooLargeError";
}
/** HTTP 422. */
export class UnprocessableEntityError extends HTTPError {
  override name = "UnprocessableEntityError";
}
/** HTTP 429. Retried, honouring `Retry-After`. */
export class TooManyRequestsError extends HTTPError {
  override name = "TooManyRequestsError";
}
/** HTTP 5xx. Retried. */
export class ServerError extends HTTPError {
  override name = "ServerError";
}

const httpErrorClassByStatus: Record<number, new (info: ResponseInfo, snippet: string) => HTTPError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  408: RequestTimeoutError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: TooManyRequestsError,
};

/** How an answer failed to be the documented JSON. */
export type InvalidResponseReason = "not-json" | "html" | "wrong-shape" | "truncated" | "too-large" | "empty" | "no-file-id";

/**
 * The answer was not the documented JSON. `reason` says how. Not retried for an upload or a
 * delete (it may have been carried out); a read whose answer broke off (`truncated`) is retried.
 */
export class InvalidResponseError extends ResponseError {
  override name = "InvalidResponseError";
  /** How the answer was wrong. */
  readonly reason: InvalidResponseReason;

  constructor(reason: InvalidResponseReason, problem: string, info: ResponseInfo) {
    super(`Invalid response from ${endpointOf(info)} (HTTP ${info.httpStatus})${traceSuffix(info)}: ${problem}`, info);
    this.reason = reason;
  }
}

/** The request got no HTTP answer: the connection was refused, reset or closed mid-upload. Retried. */
export class ConnectionError extends MiniMaxFilesError {
  override name = "ConnectionError";
  override readonly retryable: boolean = true;

  /**
   * @param options.retryable false when trying again cannot help (e.g. a refused redirect)
   * @param options.hint a sentence on what to do about it
   */
  constructor(url: string, cause: unknown, options: { retryable?: boolean; hint?: string; attempts?: number } = {}) {
    const reason = describeCause(cause);
    super(`Could not reach ${url}${reason ? `: ${reason}` : ""}${options.hint ? `. ${options.hint}` : ""}`, {
      cause,
      attempts: options.attempts,
    });
    this.retryable = options.retryable ?? true;
  }
}

/** An error's message with its cause's, e.g. `fetch failed (connect ECONNREFUSED 127.0.0.1:9)`; "" for no error. */
export function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return cause === undefined ? "" : String(cause);
  const inner = cause.cause instanceof Error ? cause.cause.message : "";
  return inner ? `${cause.message} (${inner})` : cause.message;
}

/** An attempt took longer than the `timeout` option allows; its connection was closed. Retried. */
export class TimeoutError extends MiniMaxFilesError {
  override name = "TimeoutError";
  override readonly retryable = true;
  /** The limit that was hit, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param options.phase what was still going on, when not sending or reading the answer
   * @param options.attempts the attempt that timed out (0 while the source was checked)
   * @param options.operation what timed out, in words (default `upload`)
   */
  constructor(timeoutMs: number, options: { phase?: string; attempts?: number; operation?: string } = {}) {
    const what = options.operation ?? "upload";
    super(`The ${what} attempt timed out after ${timeoutMs} ms${options.phase ? ` ${options.phase}` : ""} (the timeout option)`, {
      attempts: options.attempts,
    });
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` stopped the request. Never retried. */
export class AbortedError extends MiniMaxFilesError {
  override name = "AbortedError";

  /**
   * @param attempts the attempts made before the abort
   * @param operation what was aborted, in words (default `upload`)
   */
  constructor(cause: unknown, attempts = 0, operation = "upload") {
    super(`The ${operation} was aborted by its AbortSignal`, { cause, attempts });
  }
}

/** @deprecated Use {@link TimeoutError}: the same class (instanceof works with either name). */
export const UploadTimeoutError = TimeoutError;
/** @deprecated Use {@link TimeoutError}. */
export type UploadTimeoutError = TimeoutError;
/** @deprecated Use {@link AbortedError}: the same class (instanceof works with either name). */
export const UploadAbortedError = AbortedError;
/** @deprecated Use {@link AbortedError}. */
export type UploadAbortedError = AbortedError;

/**
 * The call's arguments or the client's configuration are wrong; nothing was sent.
 * `field` names what was wrong, `problem` what was found and `expected` what would have been
 * accepted, so apps can word it their own way without parsing the message.
 */
export class InvalidInputError extends MiniMaxFilesError {
  override name = "InvalidInputError";
  /** The option or parameter at fault, e.g. `purpose`, `file`, `apiKey`. */
  readonly field: string;
  /** What was wrong with it, e.g. `got "podcast"`. */
  readonly problem: string;
  /** What would have been accepted. */
  readonly expected: string;

  constructor(field: string, problem: string, expected: string, context: ErrorContext = {}) {
    super(`Invalid ${field}: ${problem}; expected ${expected}`, context);
    this.field = field;
    this.problem = problem;
    this.expected = expected;
  }
}

/**
 * The source could not be read to its end while it was being sent: a stream failed, or a file
 * shrank below the size it had when the upload began. The upload was stopped at once, so the
 * endpoint never received a partial file. Not retried.
 */
export class SourceError extends InvalidInputError {
  override name = "SourceError";
  /** File bytes read from the source before it failed. */
  readonly bytesRead: number;
  /** The size the source promised, when it declared one. */
  readonly expectedBytes: number | undefined;

  constructor(problem: string, progress: { bytesRead: number; expectedBytes?: number | undefined }, context: ErrorContext = {}) {
    super("file", problem, "a source that can be read to its end while it is sent", context);
    this.bytesRead = progress.bytesRead;
    this.expectedBytes = progress.expectedBytes;
  }
}

/** Which pre-flight rule refused the audio. */
export type PreflightRule = "format" | "size" | "duration";

/** The option that would make refused audio acceptable: converting it, or cutting it to `seconds`. */
export type PreflightRemedy = { option: "convert" } | { option: "trimTo"; seconds: number };

/**
 * The audio was refused before any byte was sent: its format is not mp3, wav or m4a, it is
 * larger than the size limit, or its duration is outside the purpose's limits. `found` and
 * `limit` say what was measured and what is allowed. Checks can be turned off with
 * `preflight: false`.
 */
export class AudioPreflightError extends InvalidInputError {
  override name = "AudioPreflightError";
  /** The rule that refused the audio. */
  readonly rule: PreflightRule;
  /** What was found, e.g. `5.2 s`, `25165824 bytes`, `bytes starting 3c 68 74 6d`. */
  readonly found: string;
  /** What the rule allows, e.g. `10 s to 300 s for voice_clone`. */
  readonly limit: string;
  /** The option that would make the audio acceptable, when one would (besides turning the checks off). */
  readonly remedy: PreflightRemedy | undefined;
  /** The sentence ending the message: what to do about it, in the library's terms. */
  readonly advice: string;

  /**
   * @param attempts the attempt during which a one-shot stream passed the size limit; 0 when refused before sending
   * @param remedy the option that would make the audio acceptable, if one would
   */
  constructor(rule: PreflightRule, found: string, limit: string, attempts = 0, remedy?: PreflightRemedy) {
    super("file", `${rule} check failed before upload: found ${found}`, limit, { attempts });
    this.rule = rule;
    this.found = found;
    this.limit = limit;
    this.remedy = remedy;
    this.advice =
      remedy?.option === "convert"
        ? "Pass convert: true to convert it to WAV (needs ffmpeg), or preflight: false to send it unchecked"
        : remedy?.option === "trimTo"
          ? `Pass trimTo: ${remedy.seconds} to cut it (needs ffmpeg), or preflight: false to send it unchecked`
          : "Pass preflight: false to skip the checks";
    this.message = `Audio refused before upload (${rule} check): found ${found}; allowed: ${limit}. ${this.advice}`;
  }

  /** The size rule's refusal (`found`, e.g. `25165824 bytes` or `more than 20971520 bytes`). */
  static size(found: string, maxBytes: number, attempts = 0): AudioPreflightError {
    return new AudioPreflightError("size", found, `at most ${maxBytes} bytes`, attempts);
  }
}
