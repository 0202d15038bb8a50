import type { MiniMaxFilesError } from "../errors.js";
import type { ProgressListener } from "../progress.js";

/** Options of one call, for every operation. */
export interface RequestOptions {
  /** Extra headers for this request, e.g. `Prefer: example=rate_limited` against a Prism mock. */
  headers?: Record<string, string> | undefined;
  /** Stops the call at once, freeing its connection; the call rejects with {@link AbortedError}. */
  signal?: AbortSignal | undefined;
  /**
   * Called as the bytes move: the file's bytes leaving for an upload, the content arriving for a
   * download. `loaded` never decreases and ends at `total` when that is known.
   */
  onProgress?: ProgressListener | undefined;
  /** Overrides the client's retry settings for this call (e.g. `maxRetries: 0`). */
  maxRetries?: number | undefined;
  initialRetryDelayMs?: number | undefined;
  maxRetryDelayMs?: number | undefined;
  maxRetryAfterMs?: number | undefined;
  /** Overrides the client's `timeout` for each attempt of this call, in ms. */
  timeout?: number | undefined;
  /** Called before each retry with the error that caused it and the wait chosen. */
  onRetry?: ((retry: RetryEvent) => void) | undefined;
}

/** Passed to `onRetry` before each retry. */
export interface RetryEvent {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why the attempt failed. */
  error: MiniMaxFilesError;
}
