import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "vitest";
import { startDeadline } from "../src/engine/deadline.js";

test("a deadline aborts its signal with a TimeoutError once its time is up", async () => {
  const deadline = startDeadline(10);
  expect(deadline.signal.aborted).toBe(false);
  await sleep(40);
  expect(deadline.signal.aborted).toBe(true);
  expect(deadline.signal.reason).toMatchObject({ name: "TimeoutError" });
});

test("a cleared deadline never aborts (its work is over)", async () => {
  const deadline = startDeadline(10);
  deadline.clear();
  await sleep(40);
  expect(deadline.signal.aborted).toBe(false);
});
