import type { AbortWatch } from "./abort-watch.js";

/**
 * Resolves or rejects as `work` does, or rejects with the abort's reason as soon as `abort`
 * aborts, whichever comes first (an `AbortSignal` is watched through `watchOf`). The work itself
 * is stopped by whatever it was given (a signal of the same abort), not by this.
 */
export function settleBefore<T>(abort: AbortWatch, work: Promise<T>): Promise<T> {
  if (abort.aborted) {
    work.catch(() => {});
    return Promise.reject(abort.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const unwatch = abort.watch(() => reject(abort.reason));
    work.then(
      (value) => {
        unwatch();
        resolve(value);
      },
      (error: unknown) => {
        unwatch();
        reject(error);
      },
    );
  });
}

/**
 * Waits until `work` settles, or `ms` have passed, whichever comes first; never rejects. Work that
 * was stopped by an abort it watches (and deletes what it wrote) is awaited; work that does not
 * notice the abort holds the caller for `ms` at most.
 */
export function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    work.then(done, done);
  });
}
