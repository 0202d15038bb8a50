/**
 * `settleBefore` ends an operation's checks as soon as their deadline or the caller's signal
 * aborts, without waiting for work that takes no signal (a path's reads), and stops watching once
 * the work settles.
 */
import { expect, test } from "vitest";
import { watchOf } from "../src/abort-watch.js";
import { Deadline } from "../src/engine/deadline.js";
import { settleBefore, settledWithin } from "../src/settle-before.js";

const never = new Promise<never>(() => {});

test("work that never settles is cut when the deadline passes, with its TimeoutError", async () => {
  const deadline = new Deadline(20);
  await expect(settleBefore(deadline, never)).rejects.toMatchObject({ name: "TimeoutError" });
  deadline.clear();
});

test("the caller's abort cuts it at once, with the caller's reason", async () => {
  const caller = new AbortController();
  const deadline = new Deadline(60_000, caller.signal);
  const settled = settleBefore(deadline, never);
  caller.abort(new Error("stop"));
  await expect(settled).rejects.toThrow("stop");
  deadline.clear();
});

test("an abort before the work is refused at once; the work's own failure is not left unhandled", async () => {
  const caller = new AbortController();
  caller.abort(new Error("already"));
  const failing = Promise.reject(new Error("the work's own"));
  await expect(settleBefore(watchOf(caller.signal), failing)).rejects.toThrow("already");
});

test("work that settles first gives its value or error, and the abort is no longer watched", async () => {
  const caller = new AbortController();
  await expect(settleBefore(watchOf(caller.signal), Promise.resolve(7))).resolves.toBe(7);
  await expect(settleBefore(watchOf(caller.signal), Promise.reject(new Error("read failed")))).rejects.toThrow("read failed");
  let calls = 0;
  const watch = { aborted: false, reason: undefined, watch: () => () => calls++ };
  await settleBefore(watch, Promise.resolve(1));
  expect(calls).toBe(1);
});

test("settledWithin waits for the work to settle, fulfilled or rejected, and never rejects", async () => {
  let finished = false;
  const work = new Promise<void>((resolve) => setTimeout(resolve, 30)).then(() => {
    finished = true;
  });
  await settledWithin(work, 5_000);
  expect(finished).toBe(true);
  await expect(settledWithin(Promise.reject(new Error("failed")), 5_000)).resolves.toBeUndefined();
});

test("settledWithin gives up on work that never settles once its time has passed", async () => {
  const started = performance.now();
  await settledWithin(never, 50);
  expect(performance.now() - started).toBeGreaterThanOrEqual(45);
});
