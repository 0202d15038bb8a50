/**
 * When to try an upload again and how long to wait first.
 * @module
 */
import { InvalidResponseError, type MiniMaxFilesError, ResponseError } from "./errors.js";

/** Retry settings; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt. Defaults to 2. */
  maxRetries?: number | undefined;
  /** Wait before the first retry, in ms; doubles each retry, with jitter. Defaults to 500. */
  initialRetryDelayMs?: number | undefined;
  /** Longest computed wait between attempts, in ms. Defaults to 8000. */
  maxRetryDelayMs?: number | undefined;
  /** Longest wait a `Retry-After` header may ask for, in ms; longer asks are cut to this. Defaults to 60000. */
  maxRetryAfterMs?: number | undefined;
}

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<{ [K in keyof RetryOptions]: number }>;

/** The defaults. */
export const defaultRetryPolicy: RetryPolicy = { maxRetries: 2, initialRetryDelayMs: 500, maxRetryDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/** Fills defaults, field by field, from the most specific options to the least. */
export function retryPolicy(...layers: Array<RetryOptions | undefined>): RetryPolicy {
  const policy = { ...defaultRetryPolicy };
  for (const layer of layers.reverse()) {
    for (const key of Object.keys(policy) as Array<keyof RetryPolicy>) {
      const value = layer?.[key];
      if (value !== undefined) policy[key] = value;
    }
  }
  return policy;
}

/**
 * Milliseconds a `Retry-After` value asks for (delta-seconds or an HTTP date), or undefined
 * when it is absent or malformed.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined; // every HTTP-date form starts with a day name
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (1 for the first retry): the server's
 * `Retry-After` up to the cap when it sent one, else exponential backoff with jitter
 * (between 75% and 100% of `initial × 2^(retry-1)`, at most `maxRetryDelayMs`).
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, error: MiniMaxFilesError, random = Math.random): number {
  const asked = error instanceof ResponseError ? parseRetryAfter(error.retryAfter) : undefined;
  if (asked !== undefined) return Math.min(asked, policy.maxRetryAfterMs);
  const backoff = Math.min(policy.initialRetryDelayMs * 2 ** (retry - 1), policy.maxRetryDelayMs);
  return Math.round(backoff * (1 - 0.25 * random()));
}

/** Whether to try again after a failed attempt, and after how long. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | {
      retry: false;
      /**
       * `final`: the error is not retryable; `exhausted`: no retries left; `aborted`: the caller aborted; `one-shot`: the source cannot be
       * sent twice.
       */
      why: "final" | "exhausted" | "aborted" | "one-shot";
    };

/** What an attempt's failure is judged on. */
export interface AttemptFailure {
  error: MiniMaxFilesError;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** Whether the source can be sent again. */
  replayable: boolean;
  /** Whether the caller's signal has aborted. */
  aborted: boolean;
  /** Whether repeating the operation is harmless (a read, a delete): then an answer that broke off is retried too. */
  idempotent?: boolean | undefined;
}

/**
 * The whole retry decision, in one place: an error that can succeed on another try (the server's
 * `x-should-retry` when it sent one, else `retryable`, and for an idempotent operation also an
 * answer that broke off), with retries left, not aborted by the caller, of a request that can be
 * sent again, is retried after {@link retryDelayMs}.
 */
export function decideRetry(policy: RetryPolicy, failure: AttemptFailure, random = Math.random): RetryDecision {
  // A server's x-should-retry outranks the client's own judgement, as openai-node does.
  const advised = failure.error instanceof ResponseError ? failure.error.shouldRetry : undefined;
  const brokeOff = failure.error instanceof InvalidResponseError && failure.error.reason === "truncated";
  if (!(advised ?? (failure.error.retryable || (brokeOff && failure.idempotent === true)))) return { retry: false, why: "final" };
  if (failure.attempt > policy.maxRetries) return { retry: false, why: "exhausted" };
  if (failure.aborted) return { retry: false, why: "aborted" };
  if (!failure.replayable) return { retry: false, why: "one-shot" };
  return { retry: true, delayMs: retryDelayMs(policy, failure.attempt, failure.error, random) };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
