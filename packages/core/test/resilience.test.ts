/**
 * Retries, timeouts and every upstream fault, driven by the testkit's scripted fault server on
 * 127.0.0.1. Every error is also checked for the API key in all its serialised forms.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { inspect } from "node:util";
import { type Fault, type FaultServer, makeWav, startFaultServer, successBody } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import type { ClientOptions } from "../src/client-options.js";
import type { RetryEvent } from "../src/engine/request-options.js";
import {
  APIError,
  AudioPreflightError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidParametersError,
  InvalidResponseError,
  MiniMaxFilesError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TooManyRequestsError,
  UploadAbortedError,
  UploadTimeoutError,
} from "../src/errors.js";
import type { UploadOptions as RequestOptions, UploadParams } from "../src/files/upload.js";
import { canaryKey } from "./canary.js";

const apiKey = canaryKey("resilience");
const clip = makeWav({ seconds: 12 });
const rateLimited = '{"base_resp":{"status_code":1002,"status_msg":"rate limit triggered"}}';
const reply = (status: number, body: string, headers: Record<string, string> = {}): Fault => ({ kind: "reply", status, body, headers });
const success = reply(200, successBody);

let server: FaultServer | undefined;
let dir: string;
const seenErrors: unknown[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "minimax-files-faults-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  error: unknown;
  retries: RetryEvent[];
  requests: number;
}

/** Runs one upload against a fault script with fast backoff; collects the error and retries. */
async function run(
  script: Fault[],
  params: Partial<UploadParams> = {},
  options: RequestOptions = {},
  clientOptions: ClientOptions = {},
): Promise<Outcome> {
  server = await startFaultServer(script);
  const retries: RetryEvent[] = [];
  const client = new MiniMaxFiles({ apiKey, baseURL: server.url, initialRetryDelayMs: 1, ...clientOptions });
  const error = await client.upload({ file: clip, ...params }, { onRetry: (event) => retries.push(event), ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error) seenErrors.push(error);
  return { error, retries, requests: server.received.length };
}

describe("retried, then succeeding", () => {
  test.each([
    ["HTTP 503", reply(503, "busy")],
    ["HTTP 500", reply(500, "oops")],
    ["HTTP 408", reply(408, "slow")],
    ["HTTP 429", reply(429, "too many")],
    ["code 1002", reply(200, rateLimited)],
    ["a reset in the middle of the request body", { kind: "reset", afterBytes: 64 * 1024 } as Fault],
  ])("%s, then 200: the upload succeeds on the second attempt", async (_, fault) => {
    const outcome = await run([fault, success]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.requests).toBe(2);
    expect(outcome.retries).toHaveLength(1);
    expect(outcome.retries[0]!.error.retryable).toBe(true);
    expect(server!.received[1]).toBeGreaterThan(clip.length); // the whole body, from the start, again
  });

  test("a path is reopened and re-read from the start on a retry", async () => {
    const path = join(dir, "voice.wav");
    await writeFile(path, clip);
    const outcome = await run([{ kind: "reset", afterBytes: 100_000 }, success], { file: path });
    expect(outcome.error).toBeUndefined();
    expect(server!.received[0]).toBeLessThan(clip.length);
    expect(server!.received[1]).toBeGreaterThan(clip.length);
  });

  test("a one-shot stream whose head declares its duration is sent as it arrives, so it is not retried", async () => {
    const outcome = await run([reply(503, "busy"), success], { file: Readable.from([clip]) });
    expect(outcome.error).toBeInstanceOf(ServerError);
    expect(outcome.requests).toBe(1);
  });
});

describe("retries give up after the limit", () => {
  test("1002 forever: RateLimitError after 3 attempts (default maxRetries 2)", async () => {
    const outcome = await run([reply(200, rateLimited)]);
    expect(outcome.error).toBeInstanceOf(RateLimitError);
    expect(outcome.error).toMatchObject({ attempts: 3, retryable: true, code: 1002 });
    expect(outcome.requests).toBe(3);
    expect(outcome.retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  test("maxRetries is configurable per client and per call", async () => {
    expect((await run([reply(503, "busy")], {}, {}, { maxRetries: 0 })).requests).toBe(1);
    expect((await run([reply(503, "busy")], {}, { maxRetries: 4 }, { maxRetries: 0 })).requests).toBe(5);
  });

  test("backoff grows exponentially with jitter, capped", async () => {
    const outcome = await run([reply(503, "busy")], {}, { maxRetries: 4 }, { initialRetryDelayMs: 8, maxRetryDelayMs: 40 });
    const delays = outcome.retries.map((r) => r.delayMs);
    const bounds = [8, 16, 32, 40];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(bounds[i]! * 0.75);
      expect(delay).toBeLessThanOrEqual(bounds[i]!);
    });
  });

  test("a one-shot stream is not retried, and the error says so", async () => {
    const outcome = await run([reply(503, "busy"), success], { file: Readable.from([clip]) }, { preflight: false });
    expect(outcome.error).toBeInstanceOf(ServerError);
    expect(outcome.error).toMatchObject({ attempts: 1, retryable: true });
    expect((outcome.error as Error).message).toMatch(/Not retried: the source is a one-shot stream/);
    expect(outcome.requests).toBe(1);
  });
});

describe("Retry-After", () => {
  test("Retry-After: 1 is honoured: the client waits 1000 ms", async () => {
    const outcome = await run([reply(429, "slow down", { "Retry-After": "1" }), success]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.retries[0]).toMatchObject({ delayMs: 1000 });
    expect(outcome.retries[0]!.error).toBeInstanceOf(TooManyRequestsError);
  });

  test("an HTTP-date Retry-After is honoured up to maxRetryAfterMs", async () => {
    const inOneHour = new Date(Date.now() + 3_600_000).toUTCString();
    const outcome = await run([reply(503, "later", { "Retry-After": inOneHour }), success], {}, { maxRetryAfterMs: 20 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.retries[0]).toMatchObject({ delayMs: 20 });
  });
});

describe("never retried", () => {
  test.each([
    ["code 1004", reply(200, '{"base_resp":{"status_code":1004,"status_msg":"auth failed"}}'), AuthenticationError],
    ["code 2013", reply(200, '{"base_resp":{"status_code":2013,"status_msg":"bad params"}}'), InvalidParametersError],
    ["an unknown code (1039) with HTTP 200", reply(200, '{"base_resp":{"status_code":1039,"status_msg":"filtered"}}'), APIError],
    ["HTTP 400", reply(400, "bad"), BadRequestError],
    ["HTTP 404", reply(404, "no such path"), NotFoundError],
    [
      "JSON whose types are wrong",
      reply(200, '{"file":{"file_id":[1]},"base_resp":{"status_code":"0","status_msg":1}}'),
      InvalidResponseError,
    ],
    ["a body that breaks off", { kind: "truncate", body: '{"file":{"file_id":4', declaredLength: 500 } as Fault, InvalidResponseError],
  ])("%s: one attempt, not retryable", async (_, fault, ErrorClass) => {
    const outcome = await run([fault, success]);
    expect(outcome.error).toBeInstanceOf(ErrorClass);
    expect(outcome.error).toMatchObject({ attempts: 1, retryable: false });
    expect(outcome.requests).toBe(1);
  });

  test("a pre-flight failure sends nothing", async () => {
    const outcome = await run([success], { file: makeWav({ seconds: 2 }) });
    expect(outcome.error).toBeInstanceOf(AudioPreflightError);
    expect(outcome.error).toMatchObject({ attempts: 0, retryable: false });
    expect(outcome.requests).toBe(0);
  });

  test("aborting during the backoff wait stops at once, without another attempt", async () => {
    const controller = new AbortController();
    const outcome = await run(
      [reply(503, "busy")],
      {},
      { signal: controller.signal, onRetry: () => controller.abort() },
      { initialRetryDelayMs: 60_000 },
    );
    expect(outcome.error).toBeInstanceOf(UploadAbortedError);
    expect(outcome.requests).toBe(1);
  });
});

describe("faults become clear errors", () => {
  test("an HTML 502 page is a ServerError with status and snippet, retried", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const outcome = await run([reply(502, page, { "Content-Type": "text/html", "Trace-Id": "tr-502", "x-request-id": "rq-502" })]);
    expect(outcome.error).toBeInstanceOf(ServerError);
    expect(outcome.error).toMatchObject({ httpStatus: 502, bodySnippet: page, traceId: "tr-502", requestId: "rq-502", attempts: 3 });
    expect((outcome.error as Error).message).toMatch(/HTTP 502.*trace id tr-502, request id rq-502.*Bad Gateway/);
  });

  test("truncated JSON is an InvalidResponseError saying the body broke off", async () => {
    const outcome = await run([{ kind: "truncate", body: '{"file":{"file_id":4', declaredLength: 500 }]);
    expect(outcome.error).toMatchObject({ reason: "truncated", httpStatus: 200 });
    expect((outcome.error as Error).message).toMatch(/broke off/);
  });

  test("JSON of the wrong types names the fields", async () => {
    const outcome = await run([reply(200, '{"file":{"file_id":[1]},"base_resp":{"status_code":"0","status_msg":1}}')]);
    expect(outcome.error).toMatchObject({ reason: "wrong-shape" });
    expect((outcome.error as Error).message).toMatch(/base_resp\.status_code/);
  });

  test("a 200 with an unknown status_code keeps code and message", async () => {
    const outcome = await run([reply(200, '{"base_resp":{"status_code":1039,"status_msg":"content filtered"}}')]);
    expect(outcome.error?.constructor).toBe(APIError);
    expect(outcome.error).toMatchObject({ code: 1039, statusMessage: "content filtered" });
  });

  test("a huge answer is read only up to the cap, and the rest is never downloaded", async () => {
    const outcome = await run([{ kind: "huge", bytes: 512 * 1024 * 1024 }], {}, {}, { maxResponseBytes: 64 * 1024 });
    expect(outcome.error).toBeInstanceOf(InvalidResponseError);
    expect(outcome.error).toMatchObject({ reason: "too-large", retryable: false });
    await server!.allConnectionsClosed();
    expect(server!.hugeBytesWritten).toBeLessThan(64 * 1024 * 1024);
  });

  test("a server that never answers: each attempt times out, frees its connection, and the error names the limit", async () => {
    const outcome = await run([{ kind: "hang" }], {}, { timeout: 300, maxRetries: 1 });
    expect(outcome.error).toBeInstanceOf(UploadTimeoutError);
    expect(outcome.error).toMatchObject({ timeoutMs: 300, attempts: 2, retryable: true });
    expect((outcome.error as Error).message).toMatch(/timed out after 300 ms/);
    expect(outcome.requests).toBe(2);
    // Freed at once, not left to a keep-alive timeout (undici's fetch keeps an aborted request's
    // socket open for its 4 s keep-alive; this bound is behaviour, not speed).
    const closed = await Promise.race([server!.allConnectionsClosed().then(() => true), new Promise((r) => setTimeout(r, 2000, false))]);
    expect(closed).toBe(true);
  });

  test("a refused connection is a retried ConnectionError", async () => {
    const probe = await startFaultServer([success]);
    const url = probe.url;
    await probe.close();
    const client = new MiniMaxFiles({ apiKey, baseURL: url, initialRetryDelayMs: 1 });
    const error = await client.upload({ file: clip }).catch((e: unknown) => e);
    seenErrors.push(error);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 3, retryable: true });
  });
});

describe("on success", () => {
  test("uploadWithResponse gives the raw status and headers, with the trace and request ids", async () => {
    server = await startFaultServer([reply(200, successBody, { "Trace-Id": "tr-ok", "x-request-id": "rq-ok", "X-Extra": "1" })]);
    const result = await new MiniMaxFiles({ apiKey, baseURL: server.url }).uploadWithResponse({ file: clip });
    expect(result.file.file_id).toBe("42");
    expect(result).toMatchObject({ httpStatus: 200, traceId: "tr-ok", requestId: "rq-ok" });
    expect(result.response.status).toBe(200);
    expect(result.response.headers.get("x-extra")).toBe("1");
  });
});

describe("no error holds the API key", () => {
  test("in any serialised form, across every error this suite produced", () => {
    expect(seenErrors.length).toBeGreaterThan(20);
    for (const error of seenErrors) {
      expect(error).toBeInstanceOf(MiniMaxFilesError);
      const forms = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), (error as Error).stack ?? ""];
      for (const form of forms) expect(form).not.toContain(apiKey);
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: (error as Error).name, attempts: expect.any(Number) });
    }
  });
});

describe("the server's x-should-retry outranks the client's judgement (as this project's server sends it)", () => {
  test("a 502 marked x-should-retry: false (a misconfigured gateway) is not retried", async () => {
    const outcome = await run([reply(502, "<html>the gateway is misconfigured</html>", { "x-should-retry": "false" }), success]);
    expect(outcome.requests).toBe(1);
    expect(outcome.error).toMatchObject({ httpStatus: 502, retryable: true, shouldRetry: false, attempts: 1 });
  });

  test("a 409 marked x-should-retry: true (an idempotent upload still in progress) is retried, and succeeds", async () => {
    const outcome = await run([
      reply(409, '{"base_resp":{"status_code":1000,"status_msg":"in progress"}}', { "x-should-retry": "true", "Retry-After": "0" }),
      success,
    ]);
    expect(outcome).toMatchObject({ error: undefined, requests: 2 });
  });

  test("without the header, the client's own judgement stands (a 400 is final)", async () => {
    const outcome = await run([reply(400, "bad"), success]);
    expect(outcome.requests).toBe(1);
    expect(outcome.error).toMatchObject({ httpStatus: 400, shouldRetry: undefined });
  });
});
