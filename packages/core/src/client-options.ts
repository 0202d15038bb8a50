import type { PreflightLimits } from "./audio/limits.js";
import { InvalidInputError } from "./errors.js";
import { type Region, regionBaseURLs } from "./hosts.js";
import { checkPurpose } from "./purpose.js";
import { redactSecret } from "./redact.js";
import type { RetryOptions } from "./retry.js";
import {
  checkBoolean,
  checkByteCount,
  checkCount,
  checkFunction,
  checkHeaders,
  checkMilliseconds,
  checkSeconds,
  checkSecretHeaderValue,
  checkSignal,
  describeValue,
} from "./validate.js";

/** Default time one attempt may take, in ms: 10 minutes, room for 20 MB on a slow link. */
export const defaultTimeoutMs = 10 * 60 * 1000;

/** Default cap on a response body the client reads: 1 MiB (a real answer is a few hundred bytes). */
export const defaultMaxResponseBytes = 1024 * 1024;

/**
 * Options of {@link MiniMaxFiles}. Retries: `maxRetries` (default 2), `initialRetryDelayMs` (500),
 * `maxRetryDelayMs` (8000), `maxRetryAfterMs` (60000); each can also be set per call.
 */
export interface ClientOptions extends RetryOptions {
  /** The MiniMax API key, sent as `Authorization: Bearer …`. Defaults to `process.env['MINIMAX_API_KEY']`. */
  apiKey?: string | undefined;
  /**
   * Where the endpoint lives. On MiniMax's own hosts (`https://api.minimax.io`,
   * `https://api.minimaxi.com`) the path `/v1/files/upload` is used; elsewhere (a gateway, a mock)
   * the documented `/minimax/v1/files/upload`. Defaults to `process.env['MINIMAX_BASE_URL']`, else
   * the `region`'s host.
   */
  baseURL?: string | undefined;
  /** Shorthand for MiniMax's hosts when no `baseURL` is given: `global` (default, api.minimax.io) or `cn` (api.minimaxi.com). */
  region?: Region | undefined;
  /** The `fetch` to use. Defaults to the global `fetch` (XMLHttpRequest in browsers, for upload progress). */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request (the `Authorization` header cannot be overridden here). */
  defaultHeaders?: Record<string, string> | undefined;
  /**
   * Pre-flight audio checks before any byte is sent: format (mp3, wav, m4a, from the bytes), size
   * (20 MB) and duration per purpose. `true` (default) uses MiniMax's limits; an object overrides
   * some; `false` turns the checks off.
   */
  preflight?: boolean | PreflightLimits | undefined;
  /**
   * Node only: convert audio in a format MiniMax does not take (FLAC, Ogg/Vorbis, Ogg/Opus,
   * WebM/Opus, anything ffmpeg decodes) to 16-bit WAV, or MP3 when the WAV would pass 20 MB, and
   * check the result. Needs ffmpeg (PATH, `FFMPEG_PATH`, `{ ffmpegPath }`, or the optional package
   * `@ffmpeg-installer/ffmpeg`). Off by default: such audio is refused before sending.
   */
  convert?: boolean | ConvertOptions | undefined;
  /** Time each attempt may take, in ms, before it is stopped (and retried). Defaults to 600000 (10 minutes). */
  timeout?: number | undefined;
  /** Largest response body read, in bytes; a larger one is an `InvalidResponseError`. Defaults to 1 MiB. */
  maxResponseBytes?: number | undefined;
}

/** Options of conversion (see {@link ClientOptions.convert}). */
export interface ConvertOptions {
  /** The ffmpeg binary to run. */
  ffmpegPath?: string | undefined;
}

/** {@link ClientOptions} with every required value present and checked. */
export interface ResolvedClientOptions {
  convert: { enabled: boolean; ffmpegPath: string | undefined };
  apiKey: string;
  baseURL: string;
  fetch: typeof fetch | undefined;
  defaultHeaders: Record<string, string>;
  preflight: PreflightLimits | false;
  retry: RetryOptions;
  timeout: number;
  maxResponseBytes: number;
}

function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}

/**
 * `true`/`undefined` → default limits, `false` → off, an object → those limits, checked.
 * @throws InvalidInputError naming the limit that is malformed.
 */
export function normalizePreflight(preflight: unknown, name = "preflight"): PreflightLimits | false {
  if (preflight === false) return false;
  if (preflight === true || preflight === undefined) return {};
  if (preflight === null || typeof preflight !== "object" || Array.isArray(preflight)) {
    throw new InvalidInputError(name, `got ${describeValue(preflight)}`, "true, false or an object of limits ({ maxBytes, durations })");
  }
  const limits = preflight as PreflightLimits;
  checkByteCount(`${name}.maxBytes`, limits.maxBytes);
  if (limits.durations !== undefined) {
    if (limits.durations === null || typeof limits.durations !== "object") {
      throw new InvalidInputError(
        `${name}.durations`,
        `got ${describeValue(limits.durations)}`,
        "an object of duration limits per purpose",
      );
    }
    for (const [purpose, limit] of Object.entries(limits.durations)) {
      const field = `${name}.durations.${purpose}`;
      checkPurpose(purpose, field);
      if (limit === undefined) continue;
      if (limit === null || typeof limit !== "object")
        throw new InvalidInputError(field, `got ${describeValue(limit)}`, "{ minSeconds, maxSeconds, exclusiveMax }");
      const min = checkSeconds(`${field}.minSeconds`, limit.minSeconds);
      const max = checkSeconds(`${field}.maxSeconds`, limit.maxSeconds);
      checkBoolean(`${field}.exclusiveMax`, limit.exclusiveMax);
      if (min !== undefined && max !== undefined && min > max) {
        throw new InvalidInputError(field, `minSeconds ${min} is above maxSeconds ${max}`, "minSeconds at most maxSeconds");
      }
    }
  }
  return limits;
}

/**
 * Fills options from the environment and checks every one of them.
 * @throws InvalidInputError naming the missing or malformed option, with the key redacted from
 *   it wherever it was pasted (a baseURL, a region).
 */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  try {
    return resolveChecked(options);
  } catch (error) {
    const key = typeof options?.apiKey === "string" ? options.apiKey : readEnv("MINIMAX_API_KEY");
    throw key ? redactSecret(error, key) : error;
  }
}

function resolveChecked(options: ClientOptions): ResolvedClientOptions {
  if (options === null || typeof options !== "object")
    throw new InvalidInputError("options", `got ${describeValue(options)}`, "an object of client options");
  const apiKey = options.apiKey ?? readEnv("MINIMAX_API_KEY");
  if (apiKey === undefined || apiKey === "") {
    throw new InvalidInputError("apiKey", "no API key was given", "the apiKey option or the MINIMAX_API_KEY environment variable");
  }
  if (typeof apiKey !== "string") throw new InvalidInputError("apiKey", `got ${describeValue(apiKey)}`, "the API key as a string");
  checkSecretHeaderValue("apiKey", apiKey, "a key of printable ASCII characters, without spaces or line breaks");
  if (options.baseURL !== undefined && options.region !== undefined) {
    throw new InvalidInputError("region", "both baseURL and region were given", "one of them");
  }
  if (options.region !== undefined && !Object.hasOwn(regionBaseURLs, options.region as string)) {
    throw new InvalidInputError("region", `got ${describeValue(options.region)}`, Object.keys(regionBaseURLs).join(" or "));
  }
  if (options.baseURL !== undefined && typeof options.baseURL !== "string") {
    throw new InvalidInputError("baseURL", `got ${describeValue(options.baseURL)}`, "an http(s) URL as a string");
  }
  const baseURL = checkBaseURL(
    options.baseURL ??
      (options.region ? regionBaseURLs[options.region] : undefined) ??
      readEnv("MINIMAX_BASE_URL") ??
      regionBaseURLs.global,
  );
  const retry = {
    maxRetries: checkCount("maxRetries", options.maxRetries),
    initialRetryDelayMs: checkMilliseconds("initialRetryDelayMs", options.initialRetryDelayMs, { allowZero: true }),
    maxRetryDelayMs: checkMilliseconds("maxRetryDelayMs", options.maxRetryDelayMs, { allowZero: true }),
    maxRetryAfterMs: checkMilliseconds("maxRetryAfterMs", options.maxRetryAfterMs, { allowZero: true }),
  };
  return {
    apiKey,
    baseURL,
    fetch: checkFunction("fetch", options.fetch),
    defaultHeaders: checkHeaders("defaultHeaders", options.defaultHeaders) ?? {},
    preflight: normalizePreflight(options.preflight),
    convert: normalizeConvert(options.convert),
    retry,
    timeout: checkMilliseconds("timeout", options.timeout, { allowZero: false }) ?? defaultTimeoutMs,
    maxResponseBytes: checkByteCount("maxResponseBytes", options.maxResponseBytes) ?? defaultMaxResponseBytes,
  };
}

/**
 * An http(s) base URL without credentials, query or fragment, with trailing slashes removed.
 * Messages never echo the URL's credentials.
 */
function checkBaseURL(baseURL: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseURL);
  } catch {
    throw new InvalidInputError("baseURL", `${describeValue(baseURL)} is not a URL`, "an http(s) URL such as https://api.minimax.io");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InvalidInputError("baseURL", `protocol ${parsed.protocol} is not supported`, "an http: or https: URL");
  }
  if (parsed.username || parsed.password) {
    throw new InvalidInputError(
      "baseURL",
      "it holds credentials (user:password@)",
      "a URL without credentials: the API key goes in the apiKey option",
    );
  }
  if (parsed.search || baseURL.includes("?")) {
    throw new InvalidInputError(
      "baseURL",
      `it has a query string (${parsed.search || "?"})`,
      "a URL without ?query: the upload path is appended to it",
    );
  }
  if (parsed.hash || baseURL.includes("#")) {
    throw new InvalidInputError("baseURL", "it has a #fragment", "a URL without #fragment: the upload path is appended to it");
  }
  return baseURL.replace(/\/+$/, "");
}

/**
 * Checks the options of one call as the client's are checked.
 * @throws InvalidInputError naming the option.
 */
export function checkRequestOptions(options: unknown): void {
  if (options === null || typeof options !== "object")
    throw new InvalidInputError("options", `got ${describeValue(options)}`, "an object of request options");
  const o = options as Record<string, unknown>;
  if (hasNoKeys(o)) return; // the common call, with no options: nothing to check
  checkCount("maxRetries", o["maxRetries"]);
  for (const name of ["initialRetryDelayMs", "maxRetryDelayMs", "maxRetryAfterMs"]) checkMilliseconds(name, o[name], { allowZero: true });
  checkMilliseconds("timeout", o["timeout"], { allowZero: false });
  checkHeaders("headers", o["headers"]);
  checkSignal("signal", o["signal"]);
  checkFunction("onProgress", o["onProgress"]);
  checkFunction("onRetry", o["onRetry"]);
  checkFunction("onStep", o["onStep"]);
  if (o["convert"] !== undefined) normalizeConvert(o["convert"]);
  if (o["trimTo"] !== undefined && (typeof o["trimTo"] !== "number" || !Number.isFinite(o["trimTo"]) || o["trimTo"] <= 0)) {
    throw new InvalidInputError("trimTo", `got ${describeValue(o["trimTo"])}`, "a number of seconds above 0, e.g. 300 for voice_clone");
  }
  // `preflight` is checked where it is read, by normalizePreflight.
}

/** Whether `object` has no enumerable string keys (a `for…in` stops at the first: no array is made). */
export function hasNoKeys(object: object): boolean {
  for (const _ in object) return false;
  return true;
}

/** Checks the `convert` option: `true`, `false`, or `{ ffmpegPath }`. */
export function normalizeConvert(convert: unknown, name = "convert"): { enabled: boolean; ffmpegPath: string | undefined } {
  if (convert === undefined || convert === false) return { enabled: false, ffmpegPath: undefined };
  if (convert === true) return { enabled: true, ffmpegPath: undefined };
  const ffmpegPath = (convert as ConvertOptions | null)?.ffmpegPath;
  if (
    convert === null ||
    typeof convert !== "object" ||
    Array.isArray(convert) ||
    (ffmpegPath !== undefined && (typeof ffmpegPath !== "string" || !ffmpegPath))
  ) {
    throw new InvalidInputError(name, `got ${describeValue(convert)}`, "true, false or { ffmpegPath: string }");
  }
  return { enabled: true, ffmpegPath };
}
