/**
 * Contract tests: the client's real requests go to a Prism mock built from spec/openapi.yaml
 * (started by the testkit's global setup), which validates each request against the spec.
 */

import { makeWav } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import {
  AuthenticationError,
  InsufficientBalanceError,
  InvalidAPIKeyError,
  InvalidParametersError,
  RateLimitError,
  SensitiveContentError,
} from "../src/errors.js";

const prismUrl = inject("prismUrl");
let clip: Uint8Array;
let violations: string[];

/** fetch that records Prism's `sl-violations` header: what the mock found wrong with a request. */
const observingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const header = response.headers.get("sl-violations");
  if (header) violations.push(header);
  return response;
};

beforeAll(() => {
  clip = makeWav({ seconds: 12 });
});

function client(apiKey = "test-key", fetchImpl: typeof fetch = observingFetch) {
  violations = [];
  return new MiniMaxFiles({ apiKey, baseURL: prismUrl, fetch: fetchImpl, initialRetryDelayMs: 1 });
}

describe("against the Prism mock", () => {
  test.each([
    ["voice_clone", 12],
    ["prompt_audio", 5],
  ] as const)("upload with purpose %s passes the spec's validation", async (purpose, seconds) => {
    const file = await client().upload({ file: makeWav({ seconds }), purpose, filename: "sample.wav" });
    expect(violations).toEqual([]);
    expect(file).toEqual({
      file_id: "362854771301234",
      bytes: 5896337,
      created_at: 1700469398,
      filename: "sample.wav",
      purpose: "voice_clone",
    });
  });

  test("the string-id success example parses with its id intact", async () => {
    const file = await client().upload({ file: clip }, { headers: { Prefer: "example=success_string_id" } });
    expect(file.file_id).toBe("123456789012345678");
  });

  test.for(
    [
      { example: "rate_limited", ErrorClass: RateLimitError, code: 1002, attempts: 3 },
      { example: "auth_failed", ErrorClass: AuthenticationError, code: 1004, attempts: 1 },
      { example: "insufficient_balance", ErrorClass: InsufficientBalanceError, code: 1008, attempts: 1 },
      { example: "sensitive_content", ErrorClass: SensitiveContentError, code: 1026, attempts: 1 },
      { example: "invalid_params", ErrorClass: InvalidParametersError, code: 2013, attempts: 1 },
      { example: "invalid_api_key", ErrorClass: InvalidAPIKeyError, code: 2049, attempts: 1 },
    ].map((row) => ({ ...row, className: row.ErrorClass.name })),
  )(
    "named example $example becomes $className (code $code) after $attempts attempt(s): only 1002 is retried",
    async ({ example, ErrorClass, code, attempts }) => {
      const error = await client()
        .upload({ file: clip }, { headers: { Prefer: `example=${example}` } })
        .catch((e: unknown) => e);
      expect(violations).toEqual([]);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ code, httpStatus: 200, attempts, retryable: code === 1002 });
      expect((error as { traceId?: string }).traceId).toBeTruthy();
    },
  );

  test("a request that reaches the mock without a key fails clearly with 401 and code 1004", async () => {
    const withoutAuthorization: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      request.headers.delete("authorization");
      return observingFetch(request);
    };
    const error = await client("test-key", withoutAuthorization)
      .upload({ file: clip })
      .catch((e: unknown) => e);
    expect(violations.join()).toContain("security");
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 1004, httpStatus: 401 });
  });

  test("a body the spec refuses comes back as the API's 2013 error with HTTP 422", async () => {
    const withoutFilePart: typeof fetch = async (input) => {
      const original = input as Request;
      const headers = new Headers(original.headers);
      headers.delete("content-type");
      headers.delete("content-length");
      const form = new FormData();
      form.append("purpose", "voice_clone");
      return observingFetch(new Request(original.url, { method: "POST", headers, body: form }));
    };
    const error = await client("test-key", withoutFilePart)
      .upload({ file: clip })
      .catch((e: unknown) => e);
    expect(violations.join()).toContain("file");
    expect(error).toBeInstanceOf(InvalidParametersError);
    expect(error).toMatchObject({ code: 2013, httpStatus: 422 });
  });
});
