/**
 * What an operator sees, over real sockets with the Prism mock upstream: one JSON log line per
 * request (with the caller's name, never its token), Prometheus metrics, the API reference and
 * the spec the server implements, and the callers' limits (in memory; Redis: redis.test.ts).
 */

import { readFileSync } from "node:fs";
import { MiniMaxFiles, RateLimitError } from "@minimax-files/core";
import { makeWav, specPath } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { afterEach, describe, expect, inject, test } from "vitest";
import { parse } from "yaml";
import { type Caller, sha256Hex } from "../src/callers/callers.js";
import { captureLog } from "./helpers/capture-log.js";
import { openRaw } from "./helpers/raw-client.js";
import { callerToken, startTestServer, upstreamKey } from "./helpers/test-server.js";

const path = "/minimax/v1/files/upload";
const clip = makeWav({ seconds: 12 });
const prismUrl = inject("prismUrl");
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(overrides: Parameters<typeof startTestServer>[1] = {}) {
  const running = await startTestServer(prismUrl, overrides);
  cleanups.push(() => running.close());
  return running;
}

const caller = (name: string, token: string, limits: Partial<Caller> = {}): Caller => ({
  name,
  tokenSha256: sha256Hex(token),
  requestsPerMinute: 30,
  concurrentUploads: 4,
  ...limits,
});
const upload = (url: string, token = callerToken, headers: Record<string, string> = {}) =>
  new MiniMaxFiles({ apiKey: token, baseURL: url, maxRetries: 0, defaultHeaders: headers }).uploadWithResponse({ file: clip });

describe("logs", () => {
  test("one JSON line per request: id, caller name, route, status, bytes in, duration, upstream status, code and Trace-Id", async () => {
    const running = await server();
    const { response, traceId } = await upload(running.url, callerToken, { "x-request-id": "req-42" });
    expect(response.headers.get("x-request-id")).toBe("req-42");
    const line = running.logEntries().find((entry) => entry["requestId"] === "req-42");
    expect(line).toMatchObject({
      level: "info",
      service: "minimax-files-server",
      caller: "caller-1",
      method: "POST",
      route: path,
      status: 200,
      bytesIn: expect.any(Number),
      durationMs: expect.any(Number),
      upstream: { httpStatus: 200, code: 0, traceId },
    });
    expect(line!["bytesIn"]).toBeGreaterThan(clip.length);
  });

  test("a refusal names its reason and the retry advice; a made-up request id is replaced", async () => {
    const running = await server();
    const response = await fetch(`${running.url}${path}`, {
      method: "POST",
      headers: { Authorization: "Bearer wrong-token-000", "x-request-id": "bad id\twith spaces" },
    });
    expect(response.status).toBe(401);
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = running.logEntries().find((entry) => entry["requestId"] === id);
    expect(line).toMatchObject({ status: 401, refusal: "auth", shouldRetry: "false" });
    expect(line).not.toHaveProperty("caller");
  });

  test("pino's redaction removes authorization headers and keys from any logged object; the secrets are scrubbed from any text", () => {
    const { logger, entries } = captureLog([upstreamKey]);
    logger.info(
      { headers: { authorization: `Bearer ${callerToken}`, host: "x" }, apiKey: "k", nested: { token: "t" } },
      `quoted ${upstreamKey} in a message`,
    );
    expect(entries()[0]).toMatchObject({
      headers: { authorization: "[redacted]", host: "x" },
      apiKey: "[redacted]",
      nested: { token: "[redacted]" },
      msg: "quoted [redacted] in a message",
    });
  });
});

describe("metrics", () => {
  test("GET /metrics: requests by route and status, bytes, durations, in flight, upstream codes, refusals by reason", async () => {
    const running = await server();
    await upload(running.url);
    await fetch(`${running.url}${path}`, { method: "POST", headers: { Authorization: "Bearer nope-nope-nope" } });
    const response = await fetch(`${running.url}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain(`minimax_files_http_requests_total{route="${path}",status="200"} 1`);
    expect(text).toContain(`minimax_files_http_requests_total{route="${path}",status="401"} 1`);
    expect(text).toContain('minimax_files_refusals_total{reason="auth"} 1');
    expect(text).toContain('minimax_files_upstream_answers_total{code="0"} 1');
    expect(text).toContain('minimax_files_upload_duration_seconds_count{outcome="uploaded"} 1');
    expect(text).toContain("minimax_files_uploads_in_flight 0");
    expect(Number(/^minimax_files_upload_bytes_total (\d+)/m.exec(text)?.[1])).toBeGreaterThan(clip.length);
    expect(text).toContain("minimax_files_process_resident_memory_bytes");
  });
});

describe("API reference", () => {
  test("GET /openapi.json is the server's own contract: this server the only server, caller tokens, every route, its answers", async () => {
    const running = await server();
    const upstream = parse(readFileSync(specPath, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const contract = (await (await fetch(`${running.url}/openapi.json`)).json()) as {
      servers: Array<{ url: string }>;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: Array<{ name: string }> }>>;
      components: { securitySchemes: { bearerAuth: { description: string } } };
    };
    expect(contract.servers).toEqual([{ url: "/", description: "this server" }]);
    expect(JSON.stringify(contract)).not.toContain("api.minimax.io");
    expect(contract.components.securitySchemes.bearerAuth.description).toMatch(/caller token/);
    for (const path of Object.keys(upstream.paths)) {
      expect(contract.paths).toHaveProperty([path]);
      expect(contract.paths).toHaveProperty([path.replace("/minimax", "")]);
      for (const operation of Object.values(contract.paths[path]!)) {
        for (const status of ["401", "429", "503", "504"]) expect(operation.responses, `${path} ${status}`).toHaveProperty([status]);
      }
    }
    expect(contract.paths["/minimax/v1/files/upload"]!["post"]!.parameters!.map((p) => p.name)).toContain("Idempotency-Key");
    expect(contract.paths["/v1/upload-tokens"]).toHaveProperty(["post"]);
    expect(parse(await (await fetch(`${running.url}/openapi.yaml`)).text())).toEqual(contract);
  });

  test("GET /docs serves Swagger UI from the server itself (no CDN), under a strict CSP", async () => {
    const running = await server();
    const page = await fetch(`${running.url}/docs`);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources).toEqual(["/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/init.js"]);
    for (const source of sources) expect((await fetch(`${running.url}${source}`)).status).toBe(200);
    expect(await (await fetch(`${running.url}/docs/init.js`)).text()).toContain('url: "/openapi.json"');
  });
});

describe("limits per caller and for the deployment (in memory)", () => {
  test("a caller over its uploads per minute gets 429 with Retry-After; another caller is unaffected", async () => {
    const running = await server({
      callers: [caller("alice", "alice-key-000001", { requestsPerMinute: 2 }), caller("bob", "bob-key-00000001")],
    });
    await upload(running.url, "alice-key-000001");
    await upload(running.url, "alice-key-000001");
    const refused = await upload(running.url, "alice-key-000001").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ httpStatus: 429, code: 1002 });
    expect(Number((refused as RateLimitError).retryAfter)).toBeGreaterThan(0);
    expect((refused as Error).message).toContain("caller alice is over its limit of 2 uploads per minute");
    await expect(upload(running.url, "bob-key-00000001")).resolves.toMatchObject({ file: { file_id: expect.any(String) } });
    expect(running.logEntries().filter((entry) => entry["refusal"] === "rate")).toEqual([
      expect.objectContaining({ caller: "alice", status: 429 }),
    ]);
  });

  test("a caller at its concurrent uploads gets 429 until one finishes", async () => {
    const running = await server({ callers: [caller("alice", "alice-key-000001", { concurrentUploads: 1 })] });
    const held = await holdUpload(running.url, "alice-key-000001");
    const refused = await upload(running.url, "alice-key-000001").catch((error: unknown) => error);
    expect(refused).toMatchObject({ httpStatus: 429, code: 1002 });
    expect((refused as Error).message).toContain("already has 1 uploads in flight");
    held.socket.destroy();
    await waitFor(async () => (await readyz(running.url)).uploadsInFlight === 0);
    await expect(upload(running.url, "alice-key-000001")).resolves.toBeTruthy();
  });

  test("the upstream budget is one for the whole deployment: past it every caller gets 429", async () => {
    const running = await server({
      callers: [caller("alice", "alice-key-000001"), caller("bob", "bob-key-00000001")],
      upstreamRequestsPerMinute: 1,
    });
    await upload(running.url, "alice-key-000001");
    const refused = await upload(running.url, "bob-key-00000001").catch((error: unknown) => error);
    expect(refused).toMatchObject({ httpStatus: 429, code: 1002 });
    expect((refused as Error).message).toContain("upstream budget of 1 uploads per minute is spent");
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain('minimax_files_refusals_total{reason="upstream-budget"} 1');
  });
});

/** Starts an upload whose body never comes: admitted (a lease held) until the socket closes. */
async function holdUpload(url: string, token: string) {
  const connection = await openRaw(url);
  cleanups.push(() => void connection.socket.destroy());
  connection.socket.write(
    `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; ` +
      `boundary=b\r\nContent-Length: 100000\r\n\r\n`,
  );
  await waitFor(async () => (await readyz(url)).uploadsInFlight === 1);
  return connection;
}

async function readyz(url: string): Promise<{ uploadsInFlight: number; status: string }> {
  return (await fetch(`${url}/readyz`)).json() as Promise<{ uploadsInFlight: number; status: string }>;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
