/** One admitted upload: its abort signal, and `release()` once it has been answered. */
export interface UploadLease {
  /** Aborts when the server stops waiting for the upload (drain deadline passed) or its caller goes away. */
  readonly signal: AbortSignal;
  /** Why {@link UploadLease.signal} aborted, once it has. */
  readonly stoppedBy: "shutdown" | "caller" | undefined;
  /** Aborts the signal because the caller closed the connection before its answer was written. */
  callerLeft(): void;
  release(): void;
}

/** Why a lease's signal aborts, as its `reason`. */
const shutdownReason = () => new Error("the server is shutting down");
const callerLeftReason = () => new Error("the caller closed the connection");

/** A lease's abort: one controller per upload, which both the drain and a caller who leaves abort. */
class LeaseAbort {
  readonly controller = new AbortController();
  stoppedBy: UploadLease["stoppedBy"];

  stop(by: "shutdown" | "caller"): void {
    if (this.stoppedBy) return;
    this.stoppedBy = by;
    this.controller.abort(by === "shutdown" ? shutdownReason() : callerLeftReason());
  }
}

/** Why a request waiting for capacity was not admitted. */
export type QueueRefusal = "queue-full" | "queue-timeout" | "draining" | "gone";

/** How requests beyond the cap wait their turn. */
export interface QueueOptions {
  /** Requests that may wait at once; beyond, a request is refused at once. 0: none wait. */
  length: number;
  /** Longest a request waits, in ms, before it is refused. */
  waitMs: number;
}

interface Waiter {
  admit: (lease: UploadLease) => void;
  refuse: (why: QueueRefusal) => void;
}

/**
 * Counts requests in flight against a cap, queues those beyond it for a bounded time in a queue
 * of bounded length (first come, first served; nothing of a waiting request's body is read), and
 * drains them on shutdown: once draining, nothing new is admitted, waiting requests are refused,
 * and requests still running at the deadline are aborted.
 */
export class InFlightUploads {
  readonly #limit: number;
  readonly #queue: QueueOptions;
  readonly #active = new Set<LeaseAbort>();
  readonly #waiting: Waiter[] = [];
  #draining = false;
  #idle: (() => void) | undefined;

  constructor(limit: number, queue: QueueOptions = { length: 0, waitMs: 0 }) {
    this.#limit = limit;
    this.#queue = queue;
  }

  #queuedTotal = 0;

  /** Requests waiting for capacity now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Requests that have had to wait for capacity since the start. */
  get queuedTotal(): number {
    return this.#queuedTotal;
  }

  /** The queue's bounds. */
  get queue(): QueueOptions {
    return this.#queue;
  }

  /**
   * Admits one request now if there is capacity, else waits in the queue for up to `waitMs`
   * (refused at once when the queue is full), until `signal` aborts (the caller went away).
   */
  acquire(signal?: AbortSignal): Promise<UploadLease | QueueRefusal> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    if (this.#draining) return Promise.resolve("draining");
    if (this.#waiting.length >= this.#queue.length) return Promise.resolve("queue-full");
    return new Promise((resolve) => {
      const leave = (outcome: UploadLease | QueueRefusal) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onGone);
        const index = this.#waiting.indexOf(waiter);
        if (index !== -1) this.#waiting.splice(index, 1);
        resolve(outcome);
      };
      const waiter: Waiter = { admit: leave, refuse: leave };
      const onGone = () => leave("gone");
      const timer = setTimeout(() => leave("queue-timeout"), this.#queue.waitMs);
      signal?.addEventListener("abort", onGone, { once: true });
      this.#waiting.push(waiter);
      this.#queuedTotal++;
    });
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
    return this.#lease();
  }

  #lease(): UploadLease {
    const abort = new LeaseAbort();
    this.#active.add(abort);
    let released = false;
    return {
      signal: abort.controller.signal,
      get stoppedBy() {
        return abort.stoppedBy;
      },
      callerLeft: () => abort.stop("caller"),
      release: () => {
        if (released) return;
        released = true;
        this.#active.delete(abort);
        // The freed place goes to the request that has waited longest.
        const next = this.#draining ? undefined : this.#waiting.shift();
        if (next) next.admit(this.#lease());
        else if (this.#active.size === 0) this.#idle?.();
      },
    };
  }

  /**
   * Stops admitting uploads, waits up to `deadlineMs` for those in flight, then aborts the rest
   * and waits (briefly) for them to be answered. Resolves with how many were aborted.
   */
  async drain(deadlineMs: number, abortedGraceMs = 2_000): Promise<{ aborted: number }> {
    this.#draining = true;
    for (const waiter of this.#waiting.splice(0)) waiter.refuse("draining");
    if (await this.#idleWithin(deadlineMs)) return { aborted: 0 };
    const aborted = this.#active.size;
    for (const abort of this.#active) abort.stop("shutdown");
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
