/**
 * A timeout signal that is cleared when the work it bounds is over. `AbortSignal.timeout` keeps
 * its timer until it fires and tracks its signal weakly, which costs a small request about as
 * much CPU (in collection and finalization) as its HTTP round trip; this one stops at `clear()`.
 * @module
 */

/** A signal that aborts with a `TimeoutError` after `ms`, unless cleared first. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Stops the timer (the work is over); the signal then never aborts. */
  clear(): void;
}

/** Starts a {@link Deadline} of `ms` milliseconds; its timer never keeps the process alive. */
export function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation timed out.", "TimeoutError")), ms);
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
