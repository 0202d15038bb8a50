/**
 * A burst beyond the instance's capacity waits its turn instead of failing: 200 concurrent small
 * uploads (192–384 KB) against the default capacity of 64, with the caller and upstream limits
 * set high (they are not what is tested), all succeed; the queue is visible in /metrics.
 */
import { MiniMaxFiles } from "@minimax-files/core";
import { type FilesFake, makeWav, startFilesFake } from "@minimax-files/testkit";
import { afterEach, expect, test } from "vitest";
import { type Caller, sha256Hex } from "../src/callers/callers.js";
import { configDefaults } from "../src/config.js";
import { startTestServer, upstreamKey } from "./helpers/test-server.js";

const token = "burst-caller-token-01";
const caller: Caller = { name: "burst", tokenSha256: sha256Hex(token), requestsPerMinute: 100_000, concurrentUploads: 100_000 };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Sends 200 concurrent uploads through a server with `overrides`; the failures' messages, the files stored and how many waited. */
async function burst(overrides: Parameters<typeof startTestServer>[1]) {
  // Each upload takes 1.5 s upstream, so they overlap, as under load.
  const fake: FilesFake = await startFilesFake({ apiKey: upstreamKey, latencyMs: 1_500 });
  cleanups.push(() => fake.close());
  const running = await startTestServer(fake.url, { callers: [caller], upstreamRequestsPerMinute: 100_000, ...overrides });
  cleanups.push(() => running.close());
  const client = new MiniMaxFiles({ apiKey: token, baseURL: running.url, maxRetries: 0 });
  const clips = [makeWav({ seconds: 6, sampleRate: 16_000 }), makeWav({ seconds: 12, sampleRate: 16_000 })]; // 192 KB, 384 KB
  const outcomes = await Promise.allSettled(
    Array.from({ length: 200 }, (_, i) =>
      client.upload({ file: clips[i % 2]!, purpose: i % 2 ? "voice_clone" : "prompt_audio", filename: `clip-${i}.wav` }),
    ),
  );
  const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [String(outcome.reason)] : []));
  const metrics = await (await fetch(`${running.url}/metrics`)).text();
  const queued = Number(/^minimax_files_queued_requests_total (\d+)/m.exec(metrics)?.[1]);
  return { failures, stored: fake.files.size, queued };
}

test("200 concurrent uploads against the default capacity of 64: every one succeeds, the rest having waited in the queue", async () => {
  expect(configDefaults.MINIMAX_FILES_MAX_CONCURRENT_UPLOADS).toBe(64);
  const { failures, stored, queued } = await burst({});
  expect(failures.slice(0, 3)).toEqual([]);
  expect(stored).toBe(200);
  expect(queued).toBeGreaterThan(0); // the ones beyond 64 waited, read from /metrics
});

test("without a queue the same burst is refused in part with 503: the queue is what lets it through", async () => {
  const { failures, stored } = await burst({ queueLength: 0 });
  expect(failures.length).toBeGreaterThan(0);
  expect(failures[0]).toMatch(/at its limit of 64 requests in flight and its queue is full/);
  expect(stored + failures.length).toBe(200);
});
