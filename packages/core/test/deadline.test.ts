import { setTimeout as sleep } from "node:timers/promises";
import { expect, test, vi } from "vitest";
import { watchOf } from "../src/abort-watch.js";
import { Deadline } from "../src/engine/deadline.js";

test("a deadline aborts its signal with a TimeoutError once its time is up", async () => {
  const deadline = new Deadline(10);
  expect(deadline.signal.aborted).toBe(false);
  await sleep(40);
  expect(deadline.signal.aborted).toBe(true);
  expect(deadline.signal.reason).toMatchObject({ name: "TimeoutError" });
  expect(deadline).toMatchObject({ expired: true, aborted: true });
});

test("a cleared deadline never aborts (its work is over)", async () => {
  const deadline = new Deadline(10);
  const watcher = vi.fn();
  deadline.watch(watcher);
  deadline.clear();
  await sleep(40);
  expect(deadline.signal.aborted).toBe(false);
  expect(deadline.expired).toBe(false);
  expect(watcher).not.toHaveBeenCalled();
});

test("watchers are called once when the time runs out, without a signal being made", async () => {
  const deadline = new Deadline(10);
  const watcher = vi.fn(() => expect(deadline.aborted).toBe(true));
  const stopped = vi.fn();
  deadline.watch(watcher);
  deadline.watch(stopped)();
  await sleep(40);
  expect(watcher).toHaveBeenCalledTimes(1);
  expect(stopped).not.toHaveBeenCalled();
  expect(deadline.reason).toMatchObject({ name: "TimeoutError" });
  // A signal asked for after the time ran out is already aborted, with the same reason.
  expect(deadline.signal.reason).toBe(deadline.reason);
});

test("the caller's abort reaches watchers once (not again at the timeout) and is the reason", async () => {
  const caller = new AbortController();
  const deadline = new Deadline(20, caller.signal);
  const watcher = vi.fn();
  deadline.watch(watcher);
  caller.abort(new Error("stop"));
  expect(deadline).toMatchObject({ aborted: true, expired: false, reason: new Error("stop") });
  await sleep(50);
  expect(watcher).toHaveBeenCalledTimes(1);
  expect(deadline.signal.aborted).toBe(true);
});

test("a watcher removed before the caller aborts is not called", () => {
  const caller = new AbortController();
  const deadline = new Deadline(1000, caller.signal);
  const watcher = vi.fn();
  deadline.watch(watcher)();
  caller.abort();
  deadline.clear();
  expect(watcher).not.toHaveBeenCalled();
});

test("watchOf follows a plain signal", () => {
  const controller = new AbortController();
  const watch = watchOf(controller.signal);
  const watcher = vi.fn();
  const kept = vi.fn();
  watch.watch(watcher)();
  watch.watch(kept);
  controller.abort("why");
  expect(watch).toMatchObject({ aborted: true, reason: "why" });
  expect(watcher).not.toHaveBeenCalled();
  expect(kept).toHaveBeenCalledTimes(1);
});
