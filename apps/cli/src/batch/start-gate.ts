/**
 * Spaces the starts of uploads to stay under a rate (MiniMax allows about 60 a minute), and
 * holds every start back while the batch is told to slow down (a 1002 answer).
 */
export class StartGate {
  readonly #spacingMs: number;
  #nextStart = 0;
  #pausedUntil = 0;

  /** @param perMinute starts allowed per minute */
  constructor(perMinute: number) {
    this.#spacingMs = 60_000 / perMinute;
  }

  /** Resolves when the next upload may start; rejects with the signal's reason when it aborts. */
  async next(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const now = Date.now();
      const at = Math.max(this.#nextStart, this.#pausedUntil);
      if (at <= now) {
        this.#nextStart = now + this.#spacingMs;
        return;
      }
      await sleep(at - now, signal);
    }
  }

  /** Holds every start for `ms` from now (a rate-limit answer). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
