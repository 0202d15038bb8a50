import { describe, expect, test } from "vitest";
import { APIError, AuthenticationError, HTTPError, InvalidResponseError, RateLimitError } from "../src/errors.js";
import { readUploadResponse } from "../src/read-response.js";
import { thrownBy } from "./helpers.js";

const baseURL = "http://127.0.0.1:1";

function answer(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

function successBody(fileIdJson: string): string {
  const file = `{"file_id":${fileIdJson},"bytes":10,"created_at":1700469398,"filename":"a.wav","purpose":"voice_clone"}`;
  return `{"file":${file},"base_resp":{"status_code":0,"status_msg":"success"}}`;
}

describe("readUploadResponse: success", () => {
  test.each([
    ["a safe integer", "362854771301234", "362854771301234"],
    ["an integer above 2^53", "123456789012345678", "123456789012345678"],
    ["the largest int64", "9223372036854775807", "9223372036854775807"],
    ["a string", '"file-abc"', "file-abc"],
  ])("file_id sent as %s reaches the caller exactly", (_, json, expected) => {
    const file = readUploadResponse(answer(200), successBody(json), baseURL);
    expect(file.file_id).toBe(expected);
    expect(file).toMatchObject({ bytes: 10, created_at: 1700469398, filename: "a.wav", purpose: "voice_clone" });
  });
});

test("a numeric file_id in a body parsed elsewhere (a caller's fetch) reaches the caller as its digits", () => {
  const body = { file: { file_id: 362854771301234, bytes: 10 }, base_resp: { status_code: 0, status_msg: "success" } };
  expect(readUploadResponse(answer(200), body, baseURL)).toEqual({ file_id: "362854771301234", bytes: 10 });
});

describe("readUploadResponse: errors", () => {
  test("a non-zero status code with HTTP 200 becomes its error class, with the trace id", () => {
    const body = '{"base_resp":{"status_code":1002,"status_msg":"rate limit"}}';
    const error = thrownBy(() => readUploadResponse(answer(200, { "Trace-Id": "t-1" }), body, baseURL));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 1002, statusMessage: "rate limit", httpStatus: 200, traceId: "t-1" });
    expect((error as Error).message).toContain("t-1");
  });

  test("an unknown code keeps its code and message in a plain APIError", () => {
    const error = thrownBy(() => readUploadResponse(answer(200), '{"base_resp":{"status_code":1039,"status_msg":"filtered"}}', baseURL));
    expect(error?.constructor).toBe(APIError);
    expect(error).toMatchObject({ code: 1039, statusMessage: "filtered" });
  });

  test("a non-2xx answer with the API's error body maps by code and keeps the HTTP status", () => {
    const parsedByOpenapiFetch = { base_resp: { status_code: 1004, status_msg: "no token" } };
    const error = thrownBy(() => readUploadResponse(answer(401), parsedByOpenapiFetch, baseURL));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 1004, httpStatus: 401 });
  });

  test("an HTML error page becomes an HTTPError with the status and a snippet", () => {
    const error = thrownBy(() => readUploadResponse(answer(502), "<html><h1>Bad Gateway</h1></html>", baseURL));
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({ httpStatus: 502 });
    expect((error as Error).message).toContain("Bad Gateway");
  });

  test.each([
    ["an HTML page", "<html>ok</html>", "html", /an HTML page/],
    ["text", "ok", "not-json", /not JSON/],
    ["cut-off JSON", '{"file":{"file_id":1', "not-json", /not JSON/],
    [
      "JSON of the wrong types",
      '{"file":{"file_id":true},"base_resp":{"status_code":0,"status_msg":"success"}}',
      "wrong-shape",
      /does not match the spec/,
    ],
    ["JSON without base_resp", '{"file":{"file_id":1}}', "wrong-shape", /does not match the spec/],
    ["success without a file id", '{"base_resp":{"status_code":0,"status_msg":"success"}}', "no-file-id", /without file\.file_id/],
    ["an empty body", undefined, "empty", /empty/],
  ])("a 200 with %s becomes an InvalidResponseError (%s)", (_, body, reason, message) => {
    const error = thrownBy(() => readUploadResponse(answer(200), body, baseURL));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ reason, retryable: false });
    expect((error as Error).message).toMatch(message);
  });
});
