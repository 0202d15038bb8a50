/** One admitted upload: its abort signal, and `release()` once it has been answered. */
export interface UploadLease {
  /** Aborts when the server stops waiting for the upload (drain deadline passed). */
  readonly signal: AbortSignal;
  release(): void;
}

/**
 * Counts uploads in flight against a cap, and drains them on shutdown: once draining, nothing
 * new is admitted; uploads still running at the deadline are aborted.
 */
export class InFlightUploads {
  readonly #limit: number;
  readonly #active = new Set<AbortController>();
  #draining = false;
  #idle: (() => void) | undefined;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Uploads in flight now. */
  get size(): number {
    return this.#active.size;
  }

  /** The cap on uploads in flight. */
  get limit(): number {
    return this.#limit;
  }

  /** True once {@link InFlightUploads.drain} has begun: the server admits nothing new. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Admits one upload, or returns undefined when the cap is reached or the server is draining. */
  tryAcquire(): UploadLease | undefined {
    if (this.#draining || this.#active.size >= this.#limit) return undefined;
    const controller = new AbortController();
    this.#active.add(controller);
    let released = false;
    return {
      signal: controller.signal,
      release: () => {
        if (released) return;
        released = true;
        this.#active.delete(controller);
        if (this.#active.size === 0) this.#idle?.();
      },
    };
  }

  /**
   * Stops admitting uploads, waits up to `deadlineMs` for those in flight, then aborts the rest
   * and waits (briefly) for them to be answered. Resolves with how many were aborted.
   */
  async drain(deadlineMs: number, abortedGraceMs = 2_000): Promise<{ aborted: number }> {
    this.#draining = true;
    if (await this.#idleWithin(deadlineMs)) return { aborted: 0 };
    const aborted = this.#active.size;
    for (const controller of this.#active) controller.abort(new Error("the server is shutting down"));
    await this.#idleWithin(abortedGraceMs);
    return { aborted };
  }

  #idleWithin(ms: number): Promise<boolean> {
    if (this.#active.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#idle = undefined;
        resolve(false);
      }, ms);
      this.#idle = () => {
        clearTimeout(timer);
        this.#idle = undefined;
        resolve(true);
      };
    });
  }
}
