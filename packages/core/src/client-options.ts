import type { PreflightLimits } from "./audio/limits.js";
import { InvalidInputError } from "./errors.js";
import { regionBaseURLs, type Region } from "./hosts.js";
import type { RetryOptions } from "./retry.js";

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
  /** Time each attempt may take, in ms, before it is stopped (and retried). Defaults to 600000 (10 minutes). */
  timeout?: number | undefined;
  /** Largest response body read, in bytes; a larger one is an `InvalidResponseError`. Defaults to 1 MiB. */
  maxResponseBytes?: number | undefined;
}

/** {@link ClientOptions} with every required value present and checked. */
export interface ResolvedClientOptions {
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

/** `true`/`undefined` → default limits, `false` → off, an object → those limits. */
export function normalizePreflight(preflight: boolean | PreflightLimits | undefined): PreflightLimits | false {
  return preflight === false ? false : preflight === true || preflight === undefined ? {} : preflight;
}

/**
 * Fills options from the environment and checks them.
 * @throws InvalidInputError naming the missing or malformed option.
 */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  const apiKey = options.apiKey ?? readEnv("MINIMAX_API_KEY");
  if (!apiKey) {
    throw new InvalidInputError("apiKey", "no API key was given", "the apiKey option or the MINIMAX_API_KEY environment variable");
  }
  if (/[\r\n]/.test(apiKey)) {
    throw new InvalidInputError("apiKey", "the API key contains a line break", "a key on one line");
  }
  if (options.baseURL !== undefined && options.region !== undefined) {
    throw new InvalidInputError("region", "both baseURL and region were given", "one of them");
  }
  if (options.region !== undefined && !(options.region in regionBaseURLs)) {
    throw new InvalidInputError("region", `got ${JSON.stringify(options.region)}`, Object.keys(regionBaseURLs).join(" or "));
  }
  const baseURL =
    options.baseURL ??
    (options.region ? regionBaseURLs[options.region] : undefined) ??
    readEnv("MINIMAX_BASE_URL") ??
    regionBaseURLs.global;
  let parsed: URL;
  try {
    parsed = new URL(baseURL);
  } catch {
    throw new InvalidInputError("baseURL", `"${baseURL}" is not a URL`, "an http(s) URL such as https://api.minimax.io");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InvalidInputError("baseURL", `protocol ${parsed.protocol} is not supported`, "an http: or https: URL");
  }
  return {
    apiKey,
    baseURL: baseURL.replace(/\/+$/, ""),
    fetch: options.fetch,
    defaultHeaders: options.defaultHeaders ?? {},
    preflight: normalizePreflight(options.preflight),
    retry: {
      maxRetries: nonNegative(options, "maxRetries"),
      initialRetryDelayMs: nonNegative(options, "initialRetryDelayMs"),
      maxRetryDelayMs: nonNegative(options, "maxRetryDelayMs"),
      maxRetryAfterMs: nonNegative(options, "maxRetryAfterMs"),
    },
    timeout: positive(options, "timeout") ?? defaultTimeoutMs,
    maxResponseBytes: positive(options, "maxResponseBytes") ?? defaultMaxResponseBytes,
  };
}

type NumericOption = "maxRetries" | "initialRetryDelayMs" | "maxRetryDelayMs" | "maxRetryAfterMs" | "timeout" | "maxResponseBytes";

/**
 * Checks the numeric options of one call (retry settings and `timeout`) as the client's are checked.
 * @throws InvalidInputError naming the option.
 */
export function checkRequestNumbers(options: Pick<ClientOptions, NumericOption>): void {
  for (const name of ["maxRetries", "initialRetryDelayMs", "maxRetryDelayMs", "maxRetryAfterMs"] as const) nonNegative(options, name);
  positive(options, "timeout");
}

function nonNegative(options: Pick<ClientOptions, NumericOption>, name: NumericOption): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0) throw new InvalidInputError(name, `got ${value}`, "a number of 0 or more");
  return value;
}

function positive(options: Pick<ClientOptions, NumericOption>, name: NumericOption): number | undefined {
  const value = nonNegative(options, name);
  if (value === 0) throw new InvalidInputError(name, "got 0", "a number above 0");
  return value;
}
