/**
 * The server in-process (hono's app.request) with the Prism mock of spec/ as its upstream:
 * every answer, success or refusal, is checked against the spec's response schemas.
 */

import { MiniMaxFiles } from "@minimax-files/core";
import { assertMatchesSpec, findFreePort, makeWav } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { createApp } from "../src/app.js";
import { captureLog } from "./helpers/capture-log.js";

const upstreamKey = "upstream-SECRET-key-123";
const callerToken = "caller-token-abc";
const prismUrl = inject("prismUrl");
let clip: Uint8Array<ArrayBuffer>;

beforeAll(() => {
  clip = makeWav({ seconds: 12 }) as Uint8Array<ArrayBuffer>;
});

/** The app with a core client whose upstream calls are counted. */
function setup(options: { upstream?: string; defaultHeaders?: Record<string, string>; maxBodyBytes?: number } = {}) {
  const upstreamCalls: Request[] = [];
  const { logger, lines: logs } = captureLog([upstreamKey, callerToken]);
  const client = new MiniMaxFiles({
    apiKey: upstreamKey,
    baseURL: options.upstream ?? prismUrl,
    initialRetryDelayMs: 1,
    defaultHeaders: options.defaultHeaders,
    fetch: (input, init) => {
      const request = new Request(input, init);
      upstreamCalls.push(request.clone());
      return fetch(request);
    },
  });
  const app = createApp({
    client,
    callerTokens: [callerToken, "second-token"],
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    secrets: [upstreamKey],
    logger,
  });
  return { app, upstreamCalls, logs };
}

/** `token: null` sends no Authorization header. */
function uploadRequest(form: FormData, token: string | null = callerToken): RequestInit {
  return { method: "POST", body: form, headers: token === null ? {} : { Authorization: `Bearer ${token}` } };
}

function audioForm(purpose = "voice_clone", audio: Uint8Array<ArrayBuffer> = clip): FormData {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("file", new File([audio], "voice.wav", { type: "audio/wav" }));
  return form;
}

async function answer(response: Response) {
  const text = await response.text();
  expect(text).not.toContain(upstreamKey);
  const body = JSON.parse(text) as { base_resp: { status_code: number; status_msg: string }; file?: { file_id: string } };
  assertMatchesSpec(response.status, body);
  return body;
}

describe("POST /minimax/v1/files/upload through the server", () => {
  test("uploads with the server's upstream key and answers the spec's success body", async () => {
    const { app, upstreamCalls } = setup();
    const shortClip = makeWav({ seconds: 5 }) as Uint8Array<ArrayBuffer>;
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm("prompt_audio", shortClip)));
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    const body = await answer(response);
    expect(body.base_resp).toEqual({ status_code: 0, status_msg: "success" });
    // As MiniMax writes it: a JSON number, every digit.
    expect(text).toContain('"file_id":362854771301234,');
    expect(upstreamCalls).toHaveLength(1);
    expect(upstreamCalls[0]!.headers.get("authorization")).toBe(`Bearer ${upstreamKey}`);
    const forwarded = await upstreamCalls[0]!.formData();
    expect(forwarded.get("purpose")).toBe("prompt_audio");
    const part = forwarded.get("file") as File;
    expect(part.name).toBe("voice.wav");
    expect(part.type).toBe("audio/wav");
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(shortClip))).toBe(true);
  });

  test.each([
    ["no Authorization header", null],
    ["an unknown token", "not-a-caller-token"],
    ["the upstream key itself", upstreamKey],
  ])("refuses %s with 401 and code 1004, without calling upstream", async (_, token) => {
    const { app, upstreamCalls } = setup();
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm(), token));
    expect(response.status).toBe(401);
    expect((await answer(response)).base_resp.status_code).toBe(1004);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(response.headers.get("x-should-retry")).toBe("false");
    expect(upstreamCalls).toHaveLength(0);
  });

  test("accepts every configured caller token", async () => {
    const { app } = setup();
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm(), "second-token"));
    expect(response.status).toBe(200);
  });

  test.each([
    [
      "the file part is missing",
      () => {
        const f = new FormData();
        f.append("purpose", "voice_clone");
        return f;
      },
      /file part/,
    ],
    [
      "the purpose part is missing",
      () => {
        const f = new FormData();
        f.append("file", new File([new Uint8Array([1])], "a.wav"));
        return f;
      },
      /purpose part/,
    ],
    [
      "the file part is text",
      () => {
        const f = new FormData();
        f.append("purpose", "voice_clone");
        f.append("file", "abc");
        return f;
      },
      /file part/,
    ],
    ["purpose is not a documented value", () => audioForm("music"), /voice_clone or prompt_audio/],
    [
      "the purpose part comes after the file part",
      () => {
        const f = new FormData();
        f.append("file", new File([clip], "a.wav"));
        f.append("purpose", "voice_clone");
        return f;
      },
      /purpose part is missing or comes after the file part/,
    ],
  ])("answers 422 with code 2013 when %s, without calling upstream", async (_, form, message) => {
    const { app, upstreamCalls } = setup();
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(form()));
    expect(response.status).toBe(422);
    const body = await answer(response);
    expect(body.base_resp.status_code).toBe(2013);
    expect(body.base_resp.status_msg).toMatch(message);
    expect(upstreamCalls).toHaveLength(0);
  });

  test("answers 422 naming the rule when core's pre-flight check refuses the audio, without calling upstream", async () => {
    const { app, upstreamCalls } = setup();
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm("prompt_audio")));
    expect(response.status).toBe(422);
    const body = await answer(response);
    expect(body.base_resp.status_code).toBe(2013);
    expect(body.base_resp.status_msg).toMatch(/duration check.*12 s.*under 8 s for prompt_audio/);
    expect(upstreamCalls).toHaveLength(0);
  });

  test("answers 413 for a body over the limit, counted as it arrives, without completing an upstream upload", async () => {
    const { app, upstreamCalls } = setup({ maxBodyBytes: 100_000 });
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
    expect(response.status).toBe(413);
    const body = await answer(response);
    expect(body.base_resp.status_code).toBe(2013);
    expect(body.base_resp.status_msg).toMatch(/larger than 100000 bytes/);
    // The upload may have begun (the head passed its checks) but never completed.
    for (const call of upstreamCalls) await expect(call.arrayBuffer()).rejects.toThrow();
  });

  test("answers 422 when a second file part follows: the upload begun with the first is aborted, never completed", async () => {
    const { app, upstreamCalls } = setup();
    const form = audioForm();
    form.append("file", new File([clip], "b.wav"));
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(form));
    expect(response.status).toBe(422);
    expect((await answer(response)).base_resp.status_msg).toMatch(/more than one file part/);
    for (const call of upstreamCalls) await expect(call.arrayBuffer()).rejects.toThrow();
  });

  test("answers 400 when the body is not multipart/form-data, without calling upstream", async () => {
    const { app, upstreamCalls } = setup();
    const response = await app.request("/minimax/v1/files/upload", {
      method: "POST",
      body: JSON.stringify({ purpose: "voice_clone" }),
      headers: { Authorization: `Bearer ${callerToken}`, "Content-Type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect((await answer(response)).base_resp.status_msg).toMatch(/not multipart\/form-data/);
    expect(upstreamCalls).toHaveLength(0);
  });

  test("MiniMax's 1002 becomes 429 with Retry-After and x-should-retry, after one upstream attempt", async () => {
    const { app, upstreamCalls } = setup({ defaultHeaders: { Prefer: "example=rate_limited" } });
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
    expect(response.status).toBe(429);
    expect((await answer(response)).base_resp.status_code).toBe(1002);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("x-should-retry")).toBe("true");
    expect(response.headers.get("trace-id")).toBeTruthy();
    expect(upstreamCalls).toHaveLength(1);
  });

  test.each([
    ["auth_failed", 1004],
    ["insufficient_balance", 1008],
    ["invalid_api_key", 2049],
  ])(
    "MiniMax refusing the server's own key or account (%s) is 502 'misconfigured' for the caller; the real cause goes to the log",
    async (example, code) => {
      const { app, logs } = setup({ defaultHeaders: { Prefer: `example=${example}` } });
      const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
      expect(response.status).toBe(502);
      const body = await answer(response);
      expect(body.base_resp).toEqual({ status_code: 1000, status_msg: "the upload service is misconfigured; its operator has been told" });
      expect(response.headers.get("x-should-retry")).toBe("false");
      expect(response.headers.get("trace-id")).toBeTruthy();
      expect(logs.join("\n")).toContain(`MiniMax error ${code}`);
    },
  );

  test.each([
    ["invalid_params", 2013],
    ["sensitive_content", 1026],
  ])("MiniMax refusing the caller's input (%s) is 422 with its code and reason", async (example, code) => {
    const { app } = setup({ defaultHeaders: { Prefer: `example=${example}` } });
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
    expect(response.status).toBe(422);
    const body = await answer(response);
    expect(body.base_resp.status_code).toBe(code);
    expect(body.base_resp.status_msg.length).toBeGreaterThan(0);
    expect(response.headers.get("x-should-retry")).toBe("false");
  });

  test("answers 502 with code 1000 when the upstream is unreachable, logging why without the key", async () => {
    const port = await findFreePort();
    const { app, logs } = setup({ upstream: `http://127.0.0.1:${port}` });
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
    expect(response.status).toBe(502);
    const body = await answer(response);
    expect(body.base_resp).toEqual({ status_code: 1000, status_msg: "the upstream failed (ConnectionError)" });
    expect(response.headers.get("x-should-retry")).toBe("true");
    expect(logs.join("\n")).toContain("ECONNREFUSED");
    for (const line of logs) {
      expect(line).not.toContain(upstreamKey);
      expect(line).not.toContain(callerToken);
    }
  });
});
