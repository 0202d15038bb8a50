/**
 * Graceful shutdown: readiness turns 503 at once, new uploads are refused, uploads in flight get
 * the drain deadline, then are aborted (their upstream requests too) and answered 503; the
 * process exits 0 even with an upstream that never answers.
 */

import { fileURLToPath } from "node:url";
import { APIError, MiniMaxFiles } from "@minimax-files/core";
import { makeWav, startFaultServer, startNodeProcess } from "@minimax-files/testkit";
import { afterEach, describe, expect, test } from "vitest";
import { createApp } from "../src/app.js";
import { InFlightUploads } from "../src/lifecycle/in-flight.js";
import { captureLog } from "./helpers/capture-log.js";
import { callerToken, startTestServer } from "./helpers/test-server.js";

const serverMain = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const clip = makeWav({ seconds: 12 });
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe("readiness and admission while draining", () => {
  test("/readyz is 200 until the drain begins, then 503 at once; new uploads get 503 with Retry-After", async () => {
    const inFlight = new InFlightUploads(4);
    const app = createApp({
      client: new MiniMaxFiles({ apiKey: "k-unused-000", baseURL: "http://127.0.0.1:9" }),
      callerTokens: [callerToken],
      maxBodyBytes: 1000,
      inFlight,
      logger: captureLog().logger,
    });
    expect((await app.request("/readyz")).status).toBe(200);
    const held = inFlight.tryAcquire()!;
    const drained = inFlight.drain(10_000);
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "draining", uploadsInFlight: 1 });
    expect((await app.request("/healthz")).status).toBe(200);
    const upload = await app.request("/minimax/v1/files/upload", {
      method: "POST",
      headers: { Authorization: `Bearer ${callerToken}` },
      body: "x",
    });
    expect(upload.status).toBe(503);
    expect(upload.headers.get("retry-after")).toBe("1");
    held.release();
    expect(await drained).toEqual({ aborted: 0 });
  });

  test("an upload still running at the drain deadline is aborted upstream and answered 503; shutdown resolves", async () => {
    const upstream = await startFaultServer([{ kind: "hang" }]);
    stops.push(() => upstream.close());
    const server = await startTestServer(upstream.url, { drainTimeoutMs: 300 });
    const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: server.url, maxRetries: 0 });
    const outcome = client.upload({ file: clip }).catch((e: unknown) => e);
    for (let i = 0; i < 200 && (upstream.received[0] ?? 0) < clip.length; i++) await new Promise((r) => setTimeout(r, 10));
    const started = performance.now();
    expect(await server.shutdown()).toEqual({ aborted: 1 });
    expect(performance.now() - started).toBeLessThan(3_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ httpStatus: 503, code: 1000 });
    await upstream.allConnectionsClosed(); // the upstream request was aborted, not left hanging
  });
});

describe("the process on SIGTERM", () => {
  test("with an upload waiting on a hung upstream, it exits 0 within the drain deadline", async () => {
    const upstream = await startFaultServer([{ kind: "hang" }]);
    stops.push(() => upstream.close());
    const server = await startNodeProcess(
      serverMain,
      [],
      {
        MINIMAX_API_KEY: "upstream-key-123456",
        MINIMAX_BASE_URL: upstream.url,
        MINIMAX_FILES_SERVER_TOKENS: callerToken,
        PORT: "0",
        MINIMAX_FILES_DRAIN_TIMEOUT_MS: "500",
      },
      /listening on (http:\/\/[^\s"]+)/,
    );
    stops.push(() => server.stop());
    const client = new MiniMaxFiles({ apiKey: callerToken, baseURL: server.match[1]!, maxRetries: 0 });
    const outcome = client.upload({ file: clip }).catch((e: unknown) => e);
    for (let i = 0; i < 200 && (upstream.received[0] ?? 0) < clip.length; i++) await new Promise((r) => setTimeout(r, 10));
    const started = performance.now();
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(await outcome).toMatchObject({ httpStatus: 503 });
    // New connections are refused once it has stopped.
    await expect(fetch(`${server.match[1]}/healthz`)).rejects.toThrow();
  });
});
