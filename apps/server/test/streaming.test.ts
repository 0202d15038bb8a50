/**
 * The server's data path over real sockets: uploads stream through while the caller still
 * sends, refusals come before the body is read and close the connection, a body that fails
 * midway aborts the upstream request, and every answer matches the spec.
 */
import { APIError, MiniMaxFiles } from "@minimax-files/core";
import { assertMatchesSpec, type EchoServer, makeWav, startEchoServer } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { multipartParts, openRaw, type RawConnection } from "./helpers/raw-client.js";
import { startRecordingUpstream } from "./helpers/recording-upstream.js";
import { callerToken, startTestServer, upstreamKey } from "./helpers/test-server.js";

const path = "/minimax/v1/files/upload";
const clip = makeWav({ seconds: 12 }); // 384 KB
let echo: EchoServer;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(upstream: string, overrides: Parameters<typeof startTestServer>[1] = {}) {
  const running = await startTestServer(upstream, overrides);
  cleanups.push(() => running.close());
  return running;
}

async function raw(url: string): Promise<RawConnection> {
  const connection = await openRaw(url);
  cleanups.push(() => void connection.socket.destroy());
  return connection;
}

/**
 * A server whose upstream records how each request ended, and a raw connection to it that has sent the request line and headers for
 * `body`.
 */
async function recordedUpload(
  overrides: Parameters<typeof startTestServer>[1] = {},
  body = multipartParts("voice_clone", clip),
  declaredLength: number | "chunked" = body.length,
) {
  const upstream = await startRecordingUpstream();
  cleanups.push(() => upstream.close());
  const running = await server(upstream.url, overrides);
  const connection = await raw(running.url);
  connection.socket.write(
    requestHead({ contentType: body.contentType, ...(declaredLength === "chunked" ? { chunked: true } : { length: declaredLength }) }),
  );
  return { upstream, running, connection, body };
}

function requestHead(options: {
  token?: string;
  contentType: string;
  length?: number;
  expectContinue?: boolean;
  chunked?: boolean;
}): string {
  return [
    `POST ${path} HTTP/1.1`,
    "Host: 127.0.0.1",
    `Authorization: Bearer ${options.token ?? callerToken}`,
    `Content-Type: ${options.contentType}`,
    options.length !== undefined ? `Content-Length: ${options.length}` : "Transfer-Encoding: chunked",
    ...(options.expectContinue ? ["Expect: 100-continue"] : []),
    "",
    "",
  ].join("\r\n");
}

/** The JSON body of the first response in `text`, checked against the spec for its status. */
function parsedAnswer(text: string) {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as { base_resp: { status_code: number; status_msg: string } };
  assertMatchesSpec(status, body);
  expect(text).not.toContain(upstreamKey);
  return { status, body, headers: text.slice(0, text.indexOf("\r\n\r\n")).toLowerCase() };
}

describe("streaming through", () => {
  test("the caller's upload reaches the upstream byte for byte, with the server's key, and the answer matches the spec", async () => {
    const running = await server(echo.url);
    const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: running.url, maxRetries: 0 });
    const before = echo.uploads.length;
    const { file, response } = await client.uploadWithResponse({ file: clip, filename: "mine.wav" });
    expect(file.file_id).toBe("362854771301234");
    expect(response.headers.get("trace-id")).toBe("echo-trace-id");
    expect(echo.uploads).toHaveLength(before + 1);
    const received = echo.uploads.at(-1)!;
    expect(received.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(received.fields).toEqual({ purpose: "voice_clone" });
    expect(received.files[0]).toMatchObject({ filename: "mine.wav", contentType: "audio/wav" });
    expect(Buffer.compare(received.files[0]!.bytes, Buffer.from(clip))).toBe(0);
  });

  test("a filename in UTF-8 reaches the upstream as the caller wrote it", async () => {
    const running = await server(echo.url);
    const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: running.url, maxRetries: 0 });
    await client.upload({ file: clip, filename: "声音 é.wav" });
    expect(echo.uploads.at(-1)!.files[0]).toMatchObject({ filename: "声音 é.wav" });
  });

  test("the upstream receives the file while the caller is still sending it", async () => {
    const { upstream, connection, body } = await recordedUpload();
    connection.socket.write(body.head);
    connection.socket.write(body.file.subarray(0, 256 * 1024));
    const request = await upstream.request(0);
    for (let i = 0; i < 200 && request.bytes < 128 * 1024; i++) await new Promise((r) => setTimeout(r, 10));
    expect(request.bytes).toBeGreaterThanOrEqual(128 * 1024); // while 128 KB of the caller's body are still unsent
    expect(request.completed).toBe(false);
    connection.socket.write(body.file.subarray(256 * 1024));
    connection.socket.write(body.tail);
    await connection.waitFor(/\r\n\r\n\{.*\}$/s);
    expect(parsedAnswer(connection.received()).status).toBe(200);
    expect(request.completed).toBe(true);
  });
});

describe("admission before the body", () => {
  test("a wrong token gets 401 and the connection closes before the client can send 20 MiB more", async () => {
    const running = await server(echo.url);
    const connection = await raw(running.url);
    connection.socket.write(
      requestHead({ token: "not-a-caller", contentType: "multipart/form-data; boundary=x", length: 200 * 1024 * 1024 }),
    );
    const chunk = Buffer.alloc(64 * 1024, 1);
    let writtenWhenAnswered: number | undefined;
    let written = 0;
    written = await connection.writeUntilRefused(chunk, 40 * 1024 * 1024, () => {
      if (writtenWhenAnswered === undefined && connection.received().includes("\r\n\r\n")) writtenWhenAnswered = written;
      return false;
    });
    await connection.closed;
    const answer = parsedAnswer(connection.received());
    expect(answer.status).toBe(401);
    expect(answer.headers).toContain("connection: close");
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });

  test.each([
    ["a Content-Length over the limit", { length: 30 * 1024 * 1024 }, 413],
    ["a wrong token", { length: 1000, token: "nope" }, 401],
  ])("Expect: 100-continue with %s: the refusal comes with no 100 Continue before it", async (_, options, status) => {
    const running = await server(echo.url);
    const connection = await raw(running.url);
    connection.socket.write(requestHead({ contentType: "multipart/form-data; boundary=x", expectContinue: true, ...options }));
    await connection.waitFor(/\r\n\r\n\{.*\}$/s);
    expect(connection.received()).not.toMatch(/100 Continue/);
    expect(parsedAnswer(connection.received()).status).toBe(status);
  });

  test("Expect: 100-continue on an admitted upload: 100 Continue, then the upload goes through", async () => {
    const running = await server(echo.url);
    const body = multipartParts("voice_clone", clip);
    const connection = await raw(running.url);
    connection.socket.write(requestHead({ contentType: body.contentType, length: body.length, expectContinue: true }));
    await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    connection.socket.write(Buffer.concat([body.head, body.file, body.tail]));
    await connection.waitFor(/HTTP\/1\.1 200 OK/);
  });

  test("at the cap of uploads in flight with no queue, the next caller gets 503 with Retry-After before its body is read", async () => {
    const upstream = await startRecordingUpstream();
    cleanups.push(() => upstream.close());
    const running = await server(upstream.url, { maxConcurrentUploads: 1, queueLength: 0 });
    const body = multipartParts("voice_clone", clip);
    const first = await raw(running.url);
    first.socket.write(requestHead({ contentType: body.contentType, length: body.length }));
    first.socket.write(Buffer.concat([body.head, body.file.subarray(0, 100_000)]));
    await upstream.request(0);
    const second = await raw(running.url);
    second.socket.write(requestHead({ contentType: body.contentType, length: body.length }));
    await second.waitFor(/\r\n\r\n\{.*\}$/s);
    const answer = parsedAnswer(second.received());
    expect(answer.status).toBe(503);
    expect(answer.headers).toContain("retry-after: 1");
    expect(answer.headers).toContain("x-should-retry: true");
    expect(upstream.requests).toHaveLength(1);
  });

  test("at the cap with a queue, the next caller waits its turn, its body unread, and is refused when the wait runs out", async () => {
    const upstream = await startRecordingUpstream();
    cleanups.push(() => upstream.close());
    const running = await server(upstream.url, { maxConcurrentUploads: 1, queueLength: 1, queueWaitMs: 400 });
    const body = multipartParts("voice_clone", clip);
    const first = await raw(running.url);
    first.socket.write(requestHead({ contentType: body.contentType, length: body.length }));
    first.socket.write(Buffer.concat([body.head, body.file.subarray(0, 100_000)]));
    await upstream.request(0);
    const waiting = await raw(running.url);
    waiting.socket.write(requestHead({ contentType: body.contentType, length: body.length }));
    const full = await raw(running.url); // the queue holds one: this one is refused at once
    full.socket.write(requestHead({ contentType: body.contentType, length: body.length }));
    await full.waitFor(/\r\n\r\n\{.*\}$/s);
    expect(parsedAnswer(full.received()).body.base_resp.status_msg).toMatch(/its queue is full/);
    await waiting.waitFor(/\r\n\r\n\{.*\}$/s);
    const answer = parsedAnswer(waiting.received());
    expect(answer.status).toBe(503);
    expect(answer.body.base_resp.status_msg).toMatch(/none finished within 400 ms/);
    expect(answer.headers).toContain("retry-after: 1");
    expect(upstream.requests).toHaveLength(1);
  });
});

describe("bodies that fail midway", () => {
  test("a caller body cut mid-file aborts the upstream request: it is never completed", async () => {
    const { upstream, running, connection, body } = await recordedUpload();
    connection.socket.write(Buffer.concat([body.head, body.file.subarray(0, 200_000)]));
    const request = await upstream.request(0);
    for (let i = 0; i < 200 && request.bytes < 100_000; i++) await new Promise((r) => setTimeout(r, 10));
    connection.socket.destroy();
    await request.ended;
    expect(request).toMatchObject({ completed: false, aborted: true });
    for (let i = 0; i < 100 && !running.logs.some((l) => /ended early/.test(l)); i++) await new Promise((r) => setTimeout(r, 10));
    expect(running.logEntries()).toContainEqual(
      expect.objectContaining({
        msg: "upload dropped: the caller's body failed",
        reason: expect.stringMatching(/^the caller's body ended early/),
      }),
    );
  });

  test("a body that stops arriving gets 408 after the idle timeout, and the upstream request is aborted", async () => {
    const { upstream, connection, body } = await recordedUpload({ idleTimeoutMs: 300 });
    connection.socket.write(Buffer.concat([body.head, body.file.subarray(0, 150_000)]));
    await connection.waitFor(/\r\n\r\n\{.*\}$/s);
    const answer = parsedAnswer(connection.received());
    expect(answer.status).toBe(408);
    expect(answer.body.base_resp.status_msg).toMatch(/sent nothing for 300 ms/);
    const request = await upstream.request(0);
    await request.ended;
    expect(request.completed).toBe(false);
  });

  test("a chunked body whose file passes 20 MB: 413 once the count passes it, the upstream request aborted", async () => {
    const upstream = await startRecordingUpstream();
    cleanups.push(() => upstream.close());
    const running = await server(upstream.url, { maxBodyBytes: 64 * 1024 * 1024 });
    const body = multipartParts("voice_clone", makeWav({ seconds: 120, sampleRate: 48_000, channels: 2 })); // 23 MB
    const connection = await raw(running.url);
    connection.socket.write(requestHead({ contentType: body.contentType, chunked: true }));
    const whole = Buffer.concat([body.head, body.file, body.tail]);
    for (let offset = 0; offset < whole.length && !connection.socket.destroyed && !connection.received(); offset += 256 * 1024) {
      const piece = whole.subarray(offset, offset + 256 * 1024);
      connection.socket.write(`${piece.length.toString(16)}\r\n`);
      connection.socket.write(piece);
      if (!connection.socket.write("\r\n")) {
        await Promise.race([
          new Promise((r) => connection.socket.once("drain", r)),
          connection.closed,
          new Promise((r) => setTimeout(r, 500)),
        ]);
      }
    }
    await connection.waitFor(/\r\n\r\n\{.*\}$/s);
    const answer = parsedAnswer(connection.received());
    expect(answer.status).toBe(413);
    expect(answer.body.base_resp.status_msg).toMatch(/size check.*more than 20971520 bytes/);
    const request = await upstream.request(0);
    await request.ended;
    expect(request.completed).toBe(false);
    expect(request.bytes).toBeLessThan(21 * 1024 * 1024);
  });

  test("a body longer than its Content-Length says is answered 400, never completed upstream", async () => {
    const upstream = await startRecordingUpstream();
    cleanups.push(() => upstream.close());
    const running = await server(upstream.url);
    const body = multipartParts("voice_clone", clip);
    const connection = await raw(running.url);
    // Declares the head and half the file: the body ends, for the server, inside the file part.
    connection.socket.write(requestHead({ contentType: body.contentType, length: body.head.length + 200_000 }));
    connection.socket.write(Buffer.concat([body.head, body.file, body.tail]));
    await connection.closed;
    // Node's own parser answers 400 to the bytes past the declared end if it reads them before the route answers.
    expect(connection.received()).toMatch(/^HTTP\/1\.1 400 /);
    // Whether or not the upload had begun upstream when the body ended, none completed.
    await Promise.all(upstream.requests.map((request) => request.ended));
    expect(upstream.requests.filter((request) => request.completed)).toEqual([]);
  });
});

describe("one upstream attempt per caller request", () => {
  test("an upstream 503 is answered 502 with x-should-retry: true, after exactly one upstream request", async () => {
    const { startFaultServer } = await import("@minimax-files/testkit");
    const fault = await startFaultServer([{ kind: "reply", status: 503, body: "busy" }]);
    cleanups.push(() => fault.close());
    const running = await server(fault.url);
    const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: running.url, maxRetries: 0 });
    const error = await client.upload({ file: clip }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ httpStatus: 502, code: 1000, retryable: false });
    expect(fault.received).toHaveLength(1);
  });
});
