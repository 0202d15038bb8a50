/**
 * `Idempotency-Key` over real sockets, with the testkit's fault server upstream (it counts the
 * uploads it receives): a repeat gets the first answer without a second upload, a different
 * body under the same key 422, a repeat while the first is going 409; answers a retry may
 * change are not kept; two instances on one real Redis share the records.
 */
import { MiniMaxFiles } from "@minimax-files/core";
import { type Fault, makeWav, startFaultServer, startRedis, successBody } from "@minimax-files/testkit";
import { afterEach, expect, test } from "vitest";
import { openRaw } from "./helpers/raw-client.js";
import { callerToken, startTestServer } from "./helpers/test-server.js";

const path = "/minimax/v1/files/upload";
const clip = makeWav({ seconds: 12 });
const otherClip = makeWav({ seconds: 13 });
const success: Fault = { kind: "reply", body: successBody, headers: { "Trace-Id": "first-trace" } };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(faults: Fault[], overrides: Parameters<typeof startTestServer>[1] = {}) {
  const upstream = await startFaultServer(faults);
  cleanups.push(() => upstream.close());
  const server = await startTestServer(upstream.url, overrides);
  cleanups.push(() => server.close());
  return { upstream, server };
}

/** One upload with `key`; the raw answer. */
function send(url: string, key: string | undefined, file: Uint8Array = clip, token = callerToken): Promise<Response> {
  const form = new FormData();
  form.append("purpose", "voice_clone");
  form.append("file", new File([file as Uint8Array<ArrayBuffer>], "voice.wav", { type: "audio/wav" }));
  return fetch(`${url}${path}`, {
    method: "POST",
    body: form,
    headers: { Authorization: `Bearer ${token}`, ...(key === undefined ? {} : { "Idempotency-Key": key }) },
  });
}

test("a repeat with the same key and body gets the first answer, without a second upload", async () => {
  const { upstream, server } = await setup([success, success]);
  const first = await send(server.url, "order-1");
  const firstBody = await first.json();
  const repeat = await send(server.url, "order-1");
  expect(repeat.status).toBe(200);
  expect(repeat.headers.get("idempotent-replayed")).toBe("true");
  expect(repeat.headers.get("trace-id")).toBe("first-trace");
  expect(await repeat.json()).toEqual(firstBody);
  expect(upstream.received).toHaveLength(1);
  // The core client's own header works the same way.
  const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: server.url, defaultHeaders: { "Idempotency-Key": "order-1" } });
  expect((await client.upload({ file: clip })).file_id).toBe(String((firstBody as { file: { file_id: number } }).file.file_id));
  expect(upstream.received).toHaveLength(1);
});

test("the same key with a different body is 422; another caller's same key is its own", async () => {
  const { upstream, server } = await setup([success, success], { callerTokens: [callerToken, "second-token-0002"] });
  await send(server.url, "order-2");
  const different = await send(server.url, "order-2", otherClip);
  expect(different.status).toBe(422);
  expect(await different.json()).toMatchObject({
    base_resp: { status_code: 2013, status_msg: expect.stringContaining("used for a different upload") },
  });
  expect((await send(server.url, "order-2", clip, "second-token-0002")).status).toBe(200);
  expect(upstream.received).toHaveLength(2);
});

test("a repeat while the first upload is still going is 409 with Retry-After", async () => {
  const { server } = await setup([success]);
  const held = await openRaw(server.url);
  cleanups.push(() => void held.socket.destroy());
  held.socket.write(
    `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${callerToken}\r\nIdempotency-Key: order-3\r\nContent-Type: ` +
      `multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\nContent-Disposition: form-data; ` +
      `name="purpose"\r\n\r\nvoice_clone\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: ` +
      `audio/wav\r\n\r\nRIFF`,
  );
  for (
    let i = 0;
    i < 100 && ((await (await fetch(`${server.url}/readyz`)).json()) as { uploadsInFlight: number }).uploadsInFlight === 0;
    i++
  )
    await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
  const repeat = await send(server.url, "order-3");
  expect(repeat.status).toBe(409);
  expect(repeat.headers.get("retry-after")).toBe("1");
  expect(repeat.headers.get("x-should-retry")).toBe("true");
});

test("an answer a retry may change (upstream 503) is not kept: the repeat uploads again", async () => {
  const { upstream, server } = await setup([{ kind: "reply", status: 503, body: "busy" }, success]);
  const failed = await send(server.url, "order-4");
  expect([failed.status, failed.headers.get("x-should-retry")]).toEqual([502, "true"]);
  const retry = await send(server.url, "order-4");
  expect(retry.status).toBe(200);
  expect(retry.headers.get("idempotent-replayed")).toBeNull();
  expect(upstream.received).toHaveLength(2);
});

test("a malformed key is 400 before anything is read", async () => {
  const { upstream, server } = await setup([success]);
  expect((await send(server.url, "x".repeat(256))).status).toBe(400);
  expect(upstream.received).toHaveLength(0);
});

test("two instances on one Redis share the records: a repeat on the other instance is replayed", async () => {
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const { upstream, server: a } = await setup([success, success], { redisURL: redis.url });
  const b = await startTestServer(upstream.url, { redisURL: redis.url });
  cleanups.push(() => b.close());
  const first = await (await send(a.url, "order-5")).json();
  const repeat = await send(b.url, "order-5");
  expect(repeat.headers.get("idempotent-replayed")).toBe("true");
  expect(await repeat.json()).toEqual(first);
  expect((await send(b.url, "order-5", otherClip)).status).toBe(422);
  expect(upstream.received).toHaveLength(1);
});
