import { describe, expect, test } from "vitest";
import { HTTPError, UploadTimeoutError } from "../src/errors.js";
import { defaultRetryPolicy, parseRetryAfter, retryDelayMs, retryPolicy } from "../src/retry.js";

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
  expect(retryPolicy({ maxRetries: 5 }, { maxRetries: 1, initialRetryDelayMs: 7 })).toEqual({ ...defaultRetryPolicy, maxRetries: 5, initialRetryDelayMs: 7 });
  expect(retryPolicy(undefined, undefined)).toEqual(defaultRetryPolicy);
});
