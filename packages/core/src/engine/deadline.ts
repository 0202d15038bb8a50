/**
 * The abort of a piece of work: its timeout and the caller's signal, cleared when the work is
 * over. `AbortSignal.timeout` keeps its timer until it fires and tracks its signal weakly, and an
 * `AbortController` per request (with `AbortSignal.any` beside a caller's signal) costs a small
 * request about a tenth of its CPU; so Node's own transport watches a deadline directly
 * ({@link AbortWatch}), and an `AbortSignal` is made only when something asks for one (a caller's
 * `fetch`, the checks of a source).
 * @module
 */
import type { AbortWatch } from "../abort-watch.js";

/** A timeout of `ms` (its timer never keeps the process alive) and, when given, the caller's signal. */
export class Deadline implements AbortWatch {
  readonly #caller: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  #expired: DOMException | undefined;
  #cleared = false;
  #watchers: (() => void)[] = [];
  #controller: AbortController | undefined;
  #signal: AbortSignal | undefined;

  constructor(ms: number, caller?: AbortSignal) {
    this.#caller = caller;
    this.#timer = setTimeout(() => this.#expire(), ms);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Whether the time ran out (before {@link Deadline.clear}). */
  get expired(): boolean {
    return this.#expired !== undefined;
  }

  /** Whether the caller aborted or the time ran out. */
  get aborted(): boolean {
    return this.#caller?.aborted === true || this.#expired !== undefined;
  }

  /** The caller's reason, or a `TimeoutError` `DOMException` once the time ran out. */
  get reason(): unknown {
    if (this.#caller?.aborted) return this.#caller.reason;
    return this.#expired;
  }

  watch(onAbort: () => void): () => void {
    if (this.#cleared) return () => {};
    let called = false;
    const once = () => {
      if (called) return;
      called = true;
      onAbort();
    };
    this.#watchers.push(once);
    this.#caller?.addEventListener("abort", once, { once: true });
    return () => {
      called = true;
      const index = this.#watchers.indexOf(once);
      if (index >= 0) this.#watchers.splice(index, 1);
      this.#caller?.removeEventListener("abort", once);
    };
  }

  /** The same abort as an `AbortSignal`, made when first asked for. */
  get signal(): AbortSignal {
    if (this.#signal) return this.#signal;
    this.#controller = new AbortController();
    if (this.#expired) this.#controller.abort(this.#expired);
    this.#signal = this.#caller ? AbortSignal.any([this.#caller, this.#controller.signal]) : this.#controller.signal;
    return this.#signal;
  }

  /** Stops the timer (the work is over): it never expires after this, and no watcher is called by it. */
  clear(): void {
    this.#cleared = true;
    clearTimeout(this.#timer);
    const watchers = this.#watchers;
    this.#watchers = [];
    for (const watcher of watchers) this.#caller?.removeEventListener("abort", watcher);
  }

  #expire(): void {
    if (this.#cleared) return;
    this.#expired = new DOMException("The operation timed out.", "TimeoutError");
    const watchers = this.#watchers;
    this.#watchers = [];
    this.#controller?.abort(this.#expired);
    for (const watcher of watchers) {
      this.#caller?.removeEventListener("abort", watcher);
      watcher();
    }
  }
}
