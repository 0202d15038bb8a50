/**
 * The server in-process (hono's app.request) with the Prism mock of spec/ as its upstream:
 * every answer, success or refusal, is checked against the spec's response schemas.
 */
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { MiniMaxFiles } from "@minimax-files/core";
import { assertMatchesSpec, findFreePort, makeWav } from "@minimax-files/testkit";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { createApp } from "../src/app.js";

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
  const logs: string[] = [];
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
  const app = createApp({ client, callerTokens: [callerToken, "second-token"], maxBodyBytes: options.maxBodyBytes ?? 1_000_000, log: (line) => logs.push(line) });
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
    const body = await answer(response);
    expect(body.base_resp).toEqual({ status_code: 0, status_msg: "success" });
    expect(body.file?.file_id).toBe("362854771301234");
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
    expect(upstreamCalls).toHaveLength(0);
  });

  test("accepts every configured caller token", async () => {
    const { app } = setup();
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm(), "second-token"));
    expect(response.status).toBe(200);
  });

  test.each([
    ["the file part is missing", () => { const f = new FormData(); f.append("purpose", "voice_clone"); return f; }, /file part/],
    ["the purpose part is missing", () => { const f = new FormData(); f.append("file", new File([new Uint8Array([1])], "a.wav")); return f; }, /purpose part/],
    ["the file part is text", () => { const f = new FormData(); f.append("purpose", "voice_clone"); f.append("file", "abc"); return f; }, /file part/],
    ["purpose is not a documented value", () => audioForm("music"), /voice_clone or prompt_audio/],
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

  test("answers 413 for a body over the limit, without calling upstream", async () => {
    const { app, upstreamCalls } = setup({ maxBodyBytes: 10_000 });
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
    expect(response.status).toBe(413);
    expect((await answer(response)).base_resp.status_code).toBe(2013);
    expect(upstreamCalls).toHaveLength(0);
  });

  test.each([
    ["rate_limited", 1002],
    ["insufficient_balance", 1008],
    ["invalid_api_key", 2049],
  ])("passes MiniMax's refusal %s through with its code and the upstream trace id", async (example, code) => {
    const { app } = setup({ defaultHeaders: { Prefer: `example=${example}` } });
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
    expect(response.status).toBe(200);
    expect((await answer(response)).base_resp.status_code).toBe(code);
    expect(response.headers.get("trace-id")).toBeTruthy();
  });

  test("answers 502 with code 1000 when the upstream is unreachable, logging why without the key", async () => {
    const port = await findFreePort();
    const { app, logs } = setup({ upstream: `http://127.0.0.1:${port}` });
    const response = await app.request("/minimax/v1/files/upload", uploadRequest(audioForm()));
    expect(response.status).toBe(502);
    const body = await answer(response);
    expect(body.base_resp).toEqual({ status_code: 1000, status_msg: "upstream error (ConnectionError)" });
    expect(logs.join("\n")).toContain("ECONNREFUSED");
    for (const line of logs) {
      expect(line).not.toContain(upstreamKey);
      expect(line).not.toContain(callerToken);
    }
  });
});
