/**
 * What stops a request in Node's own transport, without an `AbortSignal` of its own: the engine's
 * deadline (`engine/deadline.ts`), or a plain signal watched as one.
 * @module
 */

/** What Node's own transport needs to stop a request: whether and why it was aborted, and a callback when it is. */
export interface AbortWatch {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `onAbort` once, when it aborts (never after the returned function is called). */
  watch(onAbort: () => void): () => void;
}

/** The {@link AbortWatch} of a plain `AbortSignal` (a `Request`'s, when Node's transport is given one). */
export function watchOf(signal: AbortSignal): AbortWatch {
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason() {
      return signal.reason;
    },
    watch(onAbort) {
      signal.addEventListener("abort", onAbort, { once: true });
      return () => signal.removeEventListener("abort", onAbort);
    },
  };
}
