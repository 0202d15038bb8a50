/**
 * Node's own path for JSON answers (list, retrieve, delete, clone): read whole within
 * `maxResponseBytes`, and what goes wrong with an answer keeps its meaning (too large, broken off,
 * a redirect), against a real node:http server answering badly on purpose.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { HTTPError, InvalidResponseError, MiniMaxFiles } from "../src/index.js";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function answering(answer: (response: ServerResponse) => void): Promise<{ client: MiniMaxFiles; requests: () => number }> {
  let requests = 0;
  server = createServer((request, response) => {
    requests++;
    request.resume();
    answer(response);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    client: new MiniMaxFiles({ apiKey: "test-key", baseURL, maxRetries: 1, maxResponseBytes: 64 * 1024 }),
    requests: () => requests,
  };
}

test("an answer larger than maxResponseBytes is refused as too large, not retried, its rest unread", async () => {
  const { client, requests } = await answering((response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(`{"files":[${'{"file_id":1},'.repeat(20_000)}{"file_id":2}],"base_resp":{"status_code":0,"status_msg":"ok"}}`);
  });
  const error = await client.files.list({ purpose: "voice_clone" }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect(error).toMatchObject({ reason: "too-large", attempts: 1 });
  expect(requests()).toBe(1);
});

test("an answer that breaks off is truncated, and a read is retried once", async () => {
  const { client, requests } = await answering((response) => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "500" });
    response.write('{"files":[{"file_id":');
    setTimeout(() => response.destroy(), 10);
  });
  const error = await client.files.list({ purpose: "voice_clone" }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect(error).toMatchObject({ reason: "truncated", attempts: 2 });
  expect(requests()).toBe(2);
});

test("a redirect is not followed: an HTTPError naming where it pointed", async () => {
  const { client } = await answering((response) => {
    response.writeHead(302, { Location: "https://elsewhere.example/v1/files/list" });
    response.end();
  });
  const error = await client.files.retrieve("42").catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(HTTPError);
  expect((error as Error).message).toContain("https://elsewhere.example/v1/files/list");
});

test("a whole answer arrives exact: ids above 2^53 keep every digit", async () => {
  const { client } = await answering((response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end('{"file":{"file_id":123456789012345678,"bytes":7},"base_resp":{"status_code":0,"status_msg":"success"}}');
  });
  await expect(client.files.retrieve("123456789012345678")).resolves.toMatchObject({ file_id: "123456789012345678", bytes: 7 });
});

test("a call's own headers go with that call only, beside the client's, and never replace the key", async () => {
  const seen: Record<string, string | string[] | undefined>[] = [];
  server = createServer((request, response) => {
    seen.push({ prefer: request.headers.prefer, app: request.headers["x-app"], authorization: request.headers.authorization });
    request.resume();
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end('{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}');
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new MiniMaxFiles({ apiKey: "test-key", baseURL, defaultHeaders: { "X-App": "a" } });
  await client.files.list({ purpose: "voice_clone" });
  await client.files.list({ purpose: "voice_clone" }, { headers: { Prefer: "example=success", Authorization: "Bearer other" } });
  await client.files.list({ purpose: "voice_clone" });
  expect(seen).toEqual([
    { prefer: undefined, app: "a", authorization: "Bearer test-key" },
    { prefer: "example=success", app: "a", authorization: "Bearer test-key" },
    { prefer: undefined, app: "a", authorization: "Bearer test-key" },
  ]);
});
