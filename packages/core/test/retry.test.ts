import { describe, expect, test } from "vitest";
import { AuthenticationError, HTTPError, UploadTimeoutError } from "../src/errors.js";
import { decideRetry, defaultRetryPolicy, parseRetryAfter, retryDelayMs, retryPolicy } from "../src/retry.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-25T10:00:00Z");
  test.each([
    ["1", 1000],
    [" 120 ", 120_000],
    ["0", 0],
    ["Wed, 25 Nov 2026 10:00:30 GMT", 30_000],
    ["Wed, 25 Nov 2026 09:00:00 GMT", 0], // in the past: no wait
    ["soon", undefined],
    ["-5", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j → %j ms", (value, want) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});

describe("retryDelayMs", () => {
  const policy = { ...defaultRetryPolicy, initialRetryDelayMs: 100, maxRetryDelayMs: 1000 };
  const timeout = new UploadTimeoutError(5);

  test("doubles per retry, jittered down by at most 25%, capped", () => {
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(policy, retry, timeout, () => 0))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(policy, retry, timeout, () => 1))).toEqual([75, 150, 300, 600, 750]);
  });

  test("follows Retry-After up to its cap", () => {
    const asks = (value: string) => new HTTPError({ httpStatus: 429, retryAfter: value }, "");
    expect(retryDelayMs(policy, 1, asks("2"))).toBe(2000);
    expect(retryDelayMs({ ...policy, maxRetryAfterMs: 500 }, 1, asks("2"))).toBe(500);
    expect(retryDelayMs(policy, 1, asks("nonsense"), () => 0)).toBe(100);
  });
});

test("retryPolicy: per-call settings override the client's, which override the defaults", () => {
  expect(retryPolicy({ maxRetries: 5 }, { maxRetries: 1, initialRetryDelayMs: 7 })).toEqual({
    ...defaultRetryPolicy,
    maxRetries: 5,
    initialRetryDelayMs: 7,
  });
  expect(retryPolicy(undefined, undefined)).toEqual(defaultRetryPolicy);
});

describe("decideRetry: the whole decision in one place", () => {
  const policy = { ...defaultRetryPolicy, maxRetries: 2, initialRetryDelayMs: 100 };
  const failure = { error: new UploadTimeoutError(5, { attempts: 1 }), attempt: 1, replayable: true, aborted: false };
  const asks = (value: string) => new HTTPError({ httpStatus: 503, retryAfter: value, attempts: 1 }, "");

  test("a retryable error from a replayable source, with retries left: retried after the backoff or Retry-After", () => {
    expect(decideRetry(policy, failure, () => 0)).toEqual({ retry: true, delayMs: 100 });
    expect(decideRetry(policy, { ...failure, attempt: 2 }, () => 0)).toEqual({ retry: true, delayMs: 200 });
    expect(decideRetry(policy, { ...failure, error: asks("3") })).toEqual({ retry: true, delayMs: 3000 });
  });

  test.each([
    [
      "an error retrying cannot fix",
      { error: new AuthenticationError({ code: 1004, statusMessage: "auth failed", httpStatus: 200 }) },
      "final",
    ],
    ["no retries left", { attempt: 3 }, "exhausted"],
    ["the caller aborted", { aborted: true }, "aborted"],
    ["a one-shot source", { replayable: false }, "one-shot"],
  ])("not retried: %s", (_, change, why) => {
    expect(decideRetry(policy, { ...failure, ...change })).toEqual({ retry: false, why });
  });
});
