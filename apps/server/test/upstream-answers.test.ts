/**
 * What callers get for each kind of upstream answer (the server README's table), over real
 * sockets with the testkit's fault server upstream: one upstream request per caller request,
 * `Retry-After` and `x-should-retry` set, the Trace-Id passed on, and no upstream text reaching
 * a caller (or the log) with the server's key in it.
 */
import { assertMatchesSpec, type Fault, makeWav, startFaultServer, successBody } from "@minimax-files/testkit";
import { afterEach, describe, expect, test } from "vitest";
import { callerToken, startTestServer, upstreamKey } from "./helpers/test-server.js";

const clip = makeWav({ seconds: 12 });
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const apiError = (code: number, message: string) => JSON.stringify({ base_resp: { status_code: code, status_msg: message } });
const reply = (status: number, body: string, headers: Record<string, string> = {}): Fault => ({
  kind: "reply",
  status,
  body,
  headers: { "Trace-Id": "fault-trace-1", ...headers },
});

/** One upload through a server whose upstream follows `fault`; the answer, its parsed body and what the upstream saw. */
async function uploadAgainst(fault: Fault, overrides: Parameters<typeof startTestServer>[1] = {}) {
  const upstream = await startFaultServer([fault]);
  stops.push(() => upstream.close());
  const server = await startTestServer(upstream.url, overrides);
  stops.push(() => server.close());
  const form = new FormData();
  form.append("purpose", "voice_clone");
  form.append("file", new File([clip as Uint8Array<ArrayBuffer>], "voice.wav", { type: "audio/wav" }));
  const response = await fetch(`${server.url}/minimax/v1/files/upload`, {
    method: "POST",
    body: form,
    headers: { Authorization: `Bearer ${callerToken}` },
  });
  const text = await response.text();
  expect(text).not.toContain(upstreamKey);
  for (const line of server.logs) expect(line).not.toContain(upstreamKey);
  for (const line of server.logs) expect(line).not.toContain(callerToken);
  const body = JSON.parse(text) as { base_resp: { status_code: number; status_msg: string } };
  assertMatchesSpec(response.status, body);
  return { response, body, upstreamRequests: upstream.received.length, logs: server.logs };
}

describe("upstream answers, as callers get them", () => {
  test("success passes through with the upstream's Trace-Id", async () => {
    const { response, body } = await uploadAgainst(reply(200, successBody));
    expect(response.status).toBe(200);
    expect(body.base_resp.status_code).toBe(0);
    expect(response.headers.get("trace-id")).toBe("fault-trace-1");
  });

  test.each([
    ["HTTP 429 with Retry-After: 7", reply(429, "slow down", { "Retry-After": "7" }), "7"],
    ["code 1002 without Retry-After", reply(200, apiError(1002, "rate limit triggered")), "5"],
  ])("%s → 429 with Retry-After %s, after one upstream request", async (_, fault, retryAfter) => {
    const { response, body, upstreamRequests } = await uploadAgainst(fault);
    expect(response.status).toBe(429);
    expect(body.base_resp.status_code).toBe(1002);
    expect(response.headers.get("retry-after")).toBe(retryAfter);
    expect(response.headers.get("x-should-retry")).toBe("true");
    expect(upstreamRequests).toBe(1);
  });

  test.each([
    ["1004 whose message quotes the key", reply(200, apiError(1004, `authentication failed for key ${upstreamKey}`))],
    ["2049", reply(200, apiError(2049, "invalid api key"))],
    ["1008", reply(200, apiError(1008, "insufficient balance"))],
    [
      "HTTP 401 with an HTML page echoing the Authorization header",
      reply(401, `<html><body>Unauthorized: Bearer ${upstreamKey}</body></html>`),
    ],
    ["HTTP 404 (a wrong base URL)", reply(404, "no such route")],
  ])("the server's own credentials refused (%s) → 502 'misconfigured', the cause only in the log", async (_, fault) => {
    const { response, body, logs } = await uploadAgainst(fault);
    expect(response.status).toBe(502);
    expect(body.base_resp).toEqual({ status_code: 1000, status_msg: "the upload service is misconfigured; its operator has been told" });
    expect(response.headers.get("x-should-retry")).toBe("false");
    expect(response.headers.get("trace-id")).toBe("fault-trace-1");
    const line = logs.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry["msg"] === "upload failed upstream");
    expect(line).toMatchObject({ level: "error", cause: expect.stringMatching(/^upstream refused the server's own credentials/) });
  });

  test.each([
    [2013, `invalid params; your key ${upstreamKey} and header Bearer ${upstreamKey}`],
    [1026, "sensitive content"],
  ])("MiniMax refusing the caller's input (%s) → 422 with its code and scrubbed reason", async (code, message) => {
    const { response, body } = await uploadAgainst(reply(200, apiError(code, message)));
    expect(response.status).toBe(422);
    expect(body.base_resp.status_code).toBe(code);
    // Core redacts its own key first; the server then removes anything else shaped like a credential.
    expect(body.base_resp.status_msg).toBe(message.replaceAll(upstreamKey, "[redacted API key]"));
  });

  test("another MiniMax code (1039) → 502 with that code and the scrubbed reason", async () => {
    const { response, body } = await uploadAgainst(reply(200, apiError(1039, `filtered (key ${upstreamKey})`)));
    expect(response.status).toBe(502);
    expect(body.base_resp).toEqual({ status_code: 1039, status_msg: "MiniMax refused the upload: filtered (key [redacted API key])" });
  });

  test.each([
    [1001, 504],
    [1013, 502],
  ])("MiniMax's own transient failure %i → %i with its code and x-should-retry true", async (code, status) => {
    const { response, body } = await uploadAgainst(reply(200, apiError(code, "try later")));
    expect(response.status).toBe(status);
    expect(body.base_resp).toEqual({ status_code: code, status_msg: "MiniMax failed: try later; retry" });
    expect(response.headers.get("x-should-retry")).toBe("true");
  });

  test.each([
    ["HTTP 500", reply(500, "oops"), 502, "true"],
    ["a reset mid-body", { kind: "reset", afterBytes: 64 * 1024 } as Fault, 502, "true"],
    ["an HTML page with HTTP 200", reply(200, "<html>hello</html>"), 502, "false"],
    ["an answer cut short", { kind: "truncate", body: '{"base_resp":', declaredLength: 500 } as Fault, 502, "false"],
  ])("%s → %s with x-should-retry %s, after one upstream request", async (_, fault, status, shouldRetry) => {
    const { response, body, upstreamRequests, logs } = await uploadAgainst(fault);
    expect(response.status).toBe(status);
    expect(body.base_resp.status_code).toBe(1000);
    expect(response.headers.get("x-should-retry")).toBe(shouldRetry);
    expect(upstreamRequests).toBe(1);
    expect(logs.join("\n")).toMatch(/upload failed upstream/);
  });

  test("an upstream that never answers → 504 after the upstream timeout", async () => {
    const { response, body } = await uploadAgainst({ kind: "hang" }, { upstreamTimeoutMs: 300 });
    expect(response.status).toBe(504);
    expect(body.base_resp.status_msg).toMatch(/did not answer within 300 ms/);
    expect(response.headers.get("x-should-retry")).toBe("true");
  });
});
