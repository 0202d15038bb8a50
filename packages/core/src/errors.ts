/**
 * Every error the client throws, in one tree rooted at {@link MiniMaxFilesError}.
 *
 * - {@link APIError}: MiniMax answered with a non-zero `base_resp.status_code`; one subclass per
 *   documented code, `APIError` itself for any other code.
 * - {@link HTTPError}: a non-2xx answer without the API's error body.
 * - {@link InvalidResponseError}: an answer that is not the documented JSON.
 * - {@link ConnectionError}: no answer at all (refused, reset, DNS).
 * - {@link InvalidInputError}: the call's own arguments or configuration are wrong; nothing was sent.
 *
 * No error holds the API key: not in its message, its properties or its JSON form.
 * @module
 */

/** Base class of every error thrown by this package. */
export class MiniMaxFilesError extends Error {
  override name = "MiniMaxFilesError";
}

/** What an {@link APIError} is built from. */
export interface APIErrorInit {
  /** `base_resp.status_code`. */
  code: number;
  /** `base_resp.status_msg`. */
  statusMessage: string;
  /** HTTP status of the answer (MiniMax reports most errors with 200). */
  httpStatus: number;
  /** The `Trace-Id` response header, which MiniMax support asks for. */
  traceId?: string | undefined;
  /** The base URL the request went to, used for hints. */
  baseURL?: string | undefined;
}

/**
 * MiniMax refused the request with a non-zero `base_resp.status_code`.
 * Thrown as is for codes without a class of their own (e.g. 1000, 1039), so unknown codes keep
 * their code and message.
 */
export class APIError extends MiniMaxFilesError {
  override name = "APIError";
  /** `base_resp.status_code`. */
  readonly code: number;
  /** `base_resp.status_msg`, as MiniMax sent it. */
  readonly statusMessage: string;
  /** HTTP status of the answer. */
  readonly httpStatus: number;
  /** The `Trace-Id` response header, when MiniMax sent one. */
  readonly traceId: string | undefined;

  constructor(init: APIErrorInit, hint?: string) {
    super(describe(init, hint));
    this.code = init.code;
    this.statusMessage = init.statusMessage;
    this.httpStatus = init.httpStatus;
    this.traceId = init.traceId;
  }

  /** Builds the subclass that matches `init.code`, or `APIError` for an unknown code. */
  static fromStatus(init: APIErrorInit): APIError {
    const ErrorClass = errorClassByCode[init.code];
    return ErrorClass ? new ErrorClass(init) : new APIError(init);
  }
}

function describe(init: APIErrorInit, hint: string | undefined): string {
  const trace = init.traceId ? ` (trace id ${init.traceId})` : "";
  return `MiniMax error ${init.code}: ${init.statusMessage}${trace}${hint ? `. ${hint}` : ""}`;
}

/** 1002: rate limit triggered; trying again later can succeed. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}

/** 1004: account authentication failed; check the API key. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}

/** 1008: insufficient account balance. */
export class InsufficientBalanceError extends APIError {
  override name = "InsufficientBalanceError";
}

/** 1026: the content was judged sensitive. */
export class SensitiveContentError extends APIError {
  override name = "SensitiveContentError";
}

/** 2013: invalid input parameters; the request body was refused. */
export class InvalidParametersError extends APIError {
  override name = "InvalidParametersError";
}

const minimaxHosts: Record<string, string> = {
  "api.minimax.io": "api.minimaxi.com",
  "api.minimaxi.com": "api.minimax.io",
};

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
  const other = minimaxHosts[host];
  return other
    ? `API keys are regional: a key issued for https://${other} is refused by https://${host}`
    : undefined;
}

const errorClassByCode: Record<number, new (init: APIErrorInit) => APIError> = {
  1002: RateLimitError,
  1004: AuthenticationError,
  1008: InsufficientBalanceError,
  1026: SensitiveContentError,
  2013: InvalidParametersError,
  2049: InvalidAPIKeyError,
};

/** A non-2xx HTTP answer that does not carry the API's `base_resp` error body. */
export class HTTPError extends MiniMaxFilesError {
  override name = "HTTPError";
  /** HTTP status of the answer. */
  readonly httpStatus: number;
  /** The `Trace-Id` response header, when present. */
  readonly traceId: string | undefined;
  /** The first 500 characters of the body, for diagnosis. */
  readonly bodySnippet: string;

  constructor(httpStatus: number, bodySnippet: string, traceId?: string) {
    const trace = traceId ? ` (trace id ${traceId})` : "";
    super(`HTTP ${httpStatus} from the upload endpoint${trace}: ${bodySnippet || "(empty body)"}`);
    this.httpStatus = httpStatus;
    this.bodySnippet = bodySnippet;
    this.traceId = traceId;
  }
}

/** The answer was not the documented JSON: not JSON at all, or JSON of the wrong shape. */
export class InvalidResponseError extends MiniMaxFilesError {
  override name = "InvalidResponseError";
  /** HTTP status of the answer. */
  readonly httpStatus: number;
  /** The `Trace-Id` response header, when present. */
  readonly traceId: string | undefined;

  constructor(problem: string, httpStatus: number, traceId?: string) {
    const trace = traceId ? ` (trace id ${traceId})` : "";
    super(`Invalid response from the upload endpoint (HTTP ${httpStatus})${trace}: ${problem}`);
    this.httpStatus = httpStatus;
    this.traceId = traceId;
  }
}

/** The request got no HTTP answer: the connection was refused, reset or never made. */
export class ConnectionError extends MiniMaxFilesError {
  override name = "ConnectionError";

  constructor(url: string, cause: unknown) {
    const reason = causeMessage(cause);
    super(`Could not reach ${url}${reason ? `: ${reason}` : ""}`, { cause });
  }
}

function causeMessage(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const inner = cause.cause instanceof Error ? cause.cause.message : "";
  return inner ? `${cause.message} (${inner})` : cause.message;
}

/**
 * The call's arguments or the client's configuration are wrong; nothing was sent.
 * `field` names what was wrong and `expected` what would have been accepted.
 */
export class InvalidInputError extends MiniMaxFilesError {
  override name = "InvalidInputError";
  /** The option or parameter at fault, e.g. `purpose`, `file`, `apiKey`. */
  readonly field: string;
  /** What would have been accepted. */
  readonly expected: string;

  constructor(field: string, problem: string, expected: string) {
    super(`Invalid ${field}: ${problem}; expected ${expected}`);
    this.field = field;
    this.expected = expected;
  }
}

/** The caller's `AbortSignal` stopped the upload. */
export class UploadAbortedError extends MiniMaxFilesError {
  override name = "UploadAbortedError";

  constructor(cause: unknown) {
    super("The upload was aborted by its AbortSignal", { cause });
  }
}

/** Which pre-flight rule refused the audio. */
export type PreflightRule = "format" | "size" | "duration";

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
  /** What was found, e.g. `5.2 s`, `25165824 bytes`, `starts with 3c 68 74 6d`. */
  readonly found: string;
  /** What the rule allows, e.g. `10 s to 300 s for voice_clone`. */
  readonly limit: string;

  constructor(rule: PreflightRule, found: string, limit: string) {
    super("file", `${rule} check failed before upload: found ${found}`, limit);
    this.message = `Audio refused before upload (${rule} check): found ${found}; allowed: ${limit}. Pass preflight: false to skip the checks`;
    this.rule = rule;
    this.found = found;
    this.limit = limit;
  }
}
