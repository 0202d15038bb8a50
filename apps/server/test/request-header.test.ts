/**
 * The headers the server reads itself (Authorization, Content-Length, Idempotency-Key,
 * x-request-id) come from node:http's raw headers, read as fetch's `Headers.get` reads them:
 * any case, and every value of a repeated header.
 */

import { startFaultServer } from "@minimax-files/testkit";
import { afterEach, expect, test } from "vitest";
import { openRaw } from "./helpers/raw-client.js";
import { callerToken, startTestServer } from "./helpers/test-server.js";

const emptyList = '{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}';
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function listWith(headerLines: string[]): Promise<string> {
  const upstream = await startFaultServer([{ kind: "reply", body: emptyList }]);
  stops.push(() => upstream.close());
  const server = await startTestServer(upstream.url);
  stops.push(() => server.close());
  const connection = await openRaw(server.url);
  stops.push(async () => connection.socket.destroy());
  connection.socket.write(
    ["GET /minimax/v1/files/list?purpose=voice_clone HTTP/1.1", "Host: localhost", ...headerLines, "Connection: close", "", ""].join(
      "\r\n",
    ),
  );
  await connection.closed;
  return connection.received();
}

test("a header name in any case is read", async () => {
  const answer = await listWith([`AUTHORIZATION: Bearer ${callerToken}`, "X-Request-ID: trace-me-42"]);
  expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  expect(answer).toMatch(/^x-request-id: trace-me-42\r$/im);
});

test("a second Authorization header is not dropped: the request is refused, even when the first is valid", async () => {
  const answer = await listWith([`Authorization: Bearer ${callerToken}`, "Authorization: Bearer someone-else"]);
  expect(answer).toMatch(/^HTTP\/1\.1 401 /);
});

test("a repeated x-request-id is read whole, and replaced when the joined value is not a plain id", async () => {
  const answer = await listWith([`Authorization: Bearer ${callerToken}`, "x-request-id: one", "x-request-id: two"]);
  expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  expect(answer).not.toMatch(/^x-request-id: (one|two)\r$/im);
  expect(answer).toMatch(/^x-request-id: [0-9a-f-]{36}\r$/im);
});
