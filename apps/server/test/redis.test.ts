/**
 * Limits shared by several instances through a real `redis-server` (Debian's package, started
 * on a free port by the test): two servers on one Redis enforce one caller limit and one
 * upstream budget; Redis going away makes the servers refuse uploads with 503 (fail closed,
 * documented) and report not ready, never crash; Redis coming back restores them.
 */

import { MiniMaxFiles } from "@minimax-files/core";
import { makeWav, type RedisServer, startRedis } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { afterEach, expect, inject, test } from "vitest";
import { type Caller, sha256Hex } from "../src/callers/callers.js";
import { startTestServer } from "./helpers/test-server.js";

const clip = makeWav({ seconds: 12 });
const prismUrl = inject("prismUrl");
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const aliceToken = "alice-key-000001";
const alice: Caller = { name: "alice", tokenSha256: sha256Hex(aliceToken), requestsPerMinute: 3, concurrentUploads: 4 };

async function redis(port?: number): Promise<RedisServer> {
  const server = await startRedis(port === undefined ? {} : { port });
  cleanups.push(() => server.stop());
  return server;
}

async function instance(redisURL: string, overrides: Parameters<typeof startTestServer>[1] = {}) {
  const running = await startTestServer(prismUrl, { callers: [alice], redisURL, ...overrides });
  cleanups.push(() => running.close());
  return running;
}

/** The HTTP status of one upload as alice (200 when it went through). */
async function uploadStatus(url: string): Promise<number> {
  const client = new MiniMaxFiles({ apiKey: aliceToken, baseURL: url, maxRetries: 0 });
  return client.upload({ file: clip }).then(
    () => 200,
    (error: { httpStatus?: number }) => error.httpStatus ?? 0,
  );
}

test("two instances on one Redis enforce one caller limit between them", async () => {
  const shared = await redis();
  const [a, b] = [await instance(shared.url), await instance(shared.url)];
  const statuses = [
    await uploadStatus(a.url),
    await uploadStatus(b.url),
    await uploadStatus(a.url),
    await uploadStatus(b.url),
    await uploadStatus(a.url),
  ];
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
  expect(await (await fetch(`${b.url}/readyz`)).json()).toMatchObject({ status: "ready", limits: "redis" });
});

test("two instances on one Redis share one upstream budget", async () => {
  const shared = await redis();
  const [a, b] = [
    await instance(shared.url, { upstreamRequestsPerMinute: 2 }),
    await instance(shared.url, { upstreamRequestsPerMinute: 2 }),
  ];
  expect([await uploadStatus(a.url), await uploadStatus(b.url), await uploadStatus(b.url)]).toEqual([200, 200, 429]);
});

test(
  "Redis going away: uploads are refused with 503 and /readyz says so, the " +
    "server stays up; when Redis is back, uploads go through again",
  async () => {
    const first = await redis();
    const server = await instance(first.url);
    expect(await uploadStatus(server.url)).toBe(200);
    await first.stop();

    const refused = await fetch(`${server.url}/minimax/v1/files/upload`, {
      method: "POST",
      headers: { Authorization: `Bearer ${aliceToken}`, "Content-Type": "multipart/form-data; boundary=b", "Content-Length": "10" },
      body: "0123456789",
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("x-should-retry")).toBe("true");
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      base_resp: {
        status_code: 1000,
        status_msg: "the service cannot check its limits right now (its shared store is unreachable); retry shortly",
      },
    });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.logEntries()).toContainEqual(expect.objectContaining({ level: "warn", redis: "unreachable" }));

    await redis(first.port);
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await uploadStatus(server.url);
    }
    expect(status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  },
);

test("a server whose REDIS_URL cannot be reached refuses to start, saying so", async () => {
  const gone = await redis();
  await gone.stop();
  await expect(startTestServer(prismUrl, { redisURL: gone.url })).rejects.toThrow(/^REDIS_URL: cannot connect to Redis/);
});
