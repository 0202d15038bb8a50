/**
 * A caller that goes away before its answer is written: the server stops the upstream request
 * it was making for that caller at once (upload or file operation), and frees its place among
 * the requests in flight; in-process, the request's own signal does the same.
 */

import { AbortedError, MiniMaxFiles } from "@minimax-files/core";
import { type FaultServer, makeWav, startFaultServer } from "@minimax-files/testkit";
import { afterEach, expect, test } from "vitest";
import { createApp } from "../src/app.js";
import { captureLog } from "./helpers/capture-log.js";
import { callerToken, startTestServer } from "./helpers/test-server.js";

const clip = makeWav({ seconds: 12 });
const emptyList = '{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}';
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** Whether every upstream connection closed within `ms` (the upstream hangs: only the server closing it ends one). */
async function upstreamClosedWithin(upstream: FaultServer, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const closed = await Promise.race([upstream.allConnectionsClosed().then(() => true as const), late]);
  clearTimeout(timer);
  return closed;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

test("a caller that leaves while the upstream holds its upload stops that upload upstream, and frees its place", async () => {
  const upstream = await startFaultServer([{ kind: "hang" }, { kind: "reply", body: emptyList }]);
  stops.push(() => upstream.close());
  // One place, no queue: the next request is admitted only once the first one's place is free.
  const server = await startTestServer(upstream.url, { maxConcurrentUploads: 1, queueLength: 0, upstreamTimeoutMs: 30_000 });
  stops.push(() => server.close());
  const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: server.url, maxRetries: 0 });
  const leaving = new AbortController();
  const outcome = client.upload({ file: clip }, { signal: leaving.signal }).catch((error: unknown) => error);
  await until(() => (upstream.received[0] ?? 0) >= clip.length);
  leaving.abort();
  expect(await outcome).toBeInstanceOf(AbortedError);
  expect(await upstreamClosedWithin(upstream, 3_000)).toBe(true);
  await until(() => server.logEntries().some((entry) => entry["route"] === "/minimax/v1/files/upload"));
  await expect(client.files.list({ purpose: "voice_clone" })).resolves.toEqual([]);
});

test("a caller that leaves while the upstream holds its list stops that request upstream", async () => {
  const upstream = await startFaultServer([{ kind: "hang" }]);
  stops.push(() => upstream.close());
  const server = await startTestServer(upstream.url, { upstreamTimeoutMs: 30_000 });
  stops.push(() => server.close());
  const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: server.url, maxRetries: 0 });
  const leaving = new AbortController();
  const outcome = client.files.list({ purpose: "voice_clone" }, { signal: leaving.signal }).catch((error: unknown) => error);
  await until(() => upstream.received.length === 1);
  leaving.abort();
  expect(await outcome).toBeInstanceOf(AbortedError);
  expect(await upstreamClosedWithin(upstream, 3_000)).toBe(true);
});

test("in-process (app.fetch, no socket), the request's own signal stops the upstream request", async () => {
  const upstream = await startFaultServer([{ kind: "hang" }]);
  stops.push(() => upstream.close());
  const app = createApp({
    client: new MiniMaxFiles({ apiKey: "k-upstream-0001", baseURL: upstream.url, maxRetries: 0 }),
    callerTokens: [callerToken],
    maxBodyBytes: 1000,
    logger: captureLog().logger,
  });
  const leaving = new AbortController();
  const request = new Request("http://server/minimax/v1/files/list?purpose=voice_clone", {
    headers: { Authorization: `Bearer ${callerToken}` },
    signal: leaving.signal,
  });
  const answered = Promise.resolve(app.fetch(request));
  await until(() => upstream.received.length === 1);
  leaving.abort();
  expect(await upstreamClosedWithin(upstream, 3_000)).toBe(true);
  await answered.catch(() => undefined);
});
