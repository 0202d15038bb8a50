/**
 * The Files API through the server, over real sockets, with the stateful fake as upstream: every
 * operation at the gateway and at MiniMax's direct paths, with the server's key; a caller sees and
 * deletes only its own files (another caller's id is answered exactly as a missing one); an
 * administrator sees all; ownership shared by two instances on one real Redis; upload tokens
 * upload for their caller; load-balancer probes over HTTP/1.0 without Host.
 */
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MiniMaxFiles } from "@minimax-files/core";
import { type FilesFake, makeWav, startFilesFake, startRedis } from "@minimax-files/testkit";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type Caller, sha256Hex } from "../src/callers/callers.js";
import { startTestServer, upstreamKey } from "./helpers/test-server.js";

const tokens = { alice: "alice-token-000001", bob: "bob-token-00000001", root: "root-token-0000001" };
const callers: Caller[] = [
  { name: "alice", tokenSha256: sha256Hex(tokens.alice), requestsPerMinute: 1000, concurrentUploads: 16 },
  { name: "bob", tokenSha256: sha256Hex(tokens.bob), requestsPerMinute: 1000, concurrentUploads: 16 },
  { name: "root", tokenSha256: sha256Hex(tokens.root), requestsPerMinute: 1000, concurrentUploads: 16, admin: true },
];
const clip = makeWav({ seconds: 12 });
const cleanups: Array<() => unknown> = [];
let fake: FilesFake;
beforeEach(async () => {
  fake = await startFilesFake({ apiKey: upstreamKey });
  cleanups.push(() => fake.close());
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(overrides: Parameters<typeof startTestServer>[1] = {}) {
  const running = await startTestServer(fake.url, { callers, ...overrides });
  cleanups.push(() => running.close());
  return running;
}

const as = (url: string, who: keyof typeof tokens) => new MiniMaxFiles({ apiKey: tokens[who], baseURL: url, maxRetries: 0 });
const raw = (url: string, who: keyof typeof tokens, path: string, init: RequestInit = {}) =>
  fetch(url + path, { ...init, headers: { Authorization: `Bearer ${tokens[who]}`, ...(init.headers as Record<string, string>) } });

/** Status and body of an answer, with the per-request headers left out: what a caller could compare. */
async function seen(response: Response) {
  return { status: response.status, body: await response.text(), shouldRetry: response.headers.get("x-should-retry") };
}

test("every operation through the server with its key: the same bytes back, ids exact", async () => {
  const running = await server();
  const alice = as(running.url, "alice");
  const uploaded = await alice.upload({ file: clip, filename: "alice.wav" });
  expect(fake.requests.every((request) => request.authorization === `Bearer ${upstreamKey}`)).toBe(true);
  expect(await alice.files.list({ purpose: "voice_clone" })).toMatchObject([{ file_id: uploaded.file_id, filename: "alice.wav" }]);
  expect(await alice.files.retrieve(uploaded.file_id)).toMatchObject({ file_id: uploaded.file_id, bytes: clip.length });
  const content = await alice.files.retrieveContent(uploaded.file_id);
  expect(Buffer.from(await content.bytes()).equals(Buffer.from(clip))).toBe(true);
  expect(await alice.files.delete(uploaded.file_id, { purpose: "voice_clone" })).toEqual({ file_id: uploaded.file_id });
  expect(fake.files.size).toBe(0);
  expect(await alice.files.list({ purpose: "voice_clone" })).toEqual([]);
});

describe("ownership", () => {
  test("a caller lists only its own files; an administrator lists every file, also those uploaded elsewhere", async () => {
    const running = await server();
    const a = await as(running.url, "alice").upload({ file: clip });
    const b = await as(running.url, "bob").upload({ file: clip });
    const direct = fake.add({ purpose: "voice_clone", filename: "at-minimax.wav", bytes: clip }); // uploaded without the server
    const ids = async (who: keyof typeof tokens) =>
      (await as(running.url, who).files.list({ purpose: "voice_clone" })).map((f) => f.file_id);
    expect(await ids("alice")).toEqual([a.file_id]);
    expect(await ids("bob")).toEqual([b.file_id]);
    expect((await ids("root")).sort()).toEqual([a.file_id, b.file_id, direct.fileId].sort());
  });

  test("another caller's file answers exactly as a file that does not exist, through every route, and is left alone", async () => {
    const running = await server();
    const { file_id: alices } = await as(running.url, "alice").upload({ file: clip });
    const missing = "123456789012345680";
    const before = fake.requests.length;
    for (const [path, init] of [
      ["/minimax/v1/files/retrieve?file_id=", {}],
      ["/minimax/v1/files/retrieve_content?file_id=", {}],
      ["/v1/files/retrieve?file_id=", {}],
    ] as const) {
      expect(await seen(await raw(running.url, "bob", path + alices, init))).toEqual(
        await seen(await raw(running.url, "bob", path + missing, init)),
      );
    }
    const remove = (id: string) =>
      raw(running.url, "bob", "/minimax/v1/files/delete", {
        method: "POST",
        body: `{"file_id":${id},"purpose":"voice_clone"}`,
        headers: { "Content-Type": "application/json" },
      });
    expect(await seen(await remove(alices))).toEqual(await seen(await remove(missing)));
    expect(fake.requests.length).toBe(before); // nothing asked upstream: no timing, no trace id to tell them apart
    expect(fake.files.has(alices)).toBe(true);
    // The administrator may act on it.
    expect(await as(running.url, "root").files.retrieve(alices)).toMatchObject({ file_id: alices });
  });

  test("a browser upload with an upload token is owned by the token's caller", async () => {
    const running = await server({ uploadTokenSecret: "upload-token-secret-for-files-0123456789" });
    const minted = await raw(running.url, "bob", "/v1/upload-tokens", {
      method: "POST",
      body: JSON.stringify({ purpose: "voice_clone" }),
      headers: { "Content-Type": "application/json" },
    });
    const { token } = (await minted.json()) as { token: string };
    const uploaded = await new MiniMaxFiles({ apiKey: token, baseURL: running.url, maxRetries: 0 }).upload({ file: clip });
    expect((await as(running.url, "bob").files.list({ purpose: "voice_clone" })).map((f) => f.file_id)).toEqual([uploaded.file_id]);
    expect(await as(running.url, "alice").files.list({ purpose: "voice_clone" })).toEqual([]);
  });

  test("two instances on one Redis agree on who owns what", async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const first = await server({ redisURL: redis.url });
    const second = await server({ redisURL: redis.url });
    const uploaded = await as(first.url, "alice").upload({ file: clip });
    expect((await as(second.url, "alice").files.list({ purpose: "voice_clone" })).map((f) => f.file_id)).toEqual([uploaded.file_id]);
    expect(await as(second.url, "bob").files.list({ purpose: "voice_clone" })).toEqual([]);
    await as(second.url, "alice").files.delete(uploaded.file_id, { purpose: "voice_clone" });
    expect(await as(first.url, "root").files.list({ purpose: "voice_clone" })).toEqual([]);
  });
});

describe("voice cloning through the server", () => {
  test("a caller clones from its own uploads (recording and prompt); the fake upstream clones with the server's key", async () => {
    const running = await server();
    const alice = as(running.url, "alice");
    const voice = await alice.voice.clone({
      file: clip,
      voiceId: "Alice-voice-01",
      prompt: { file: makeWav({ seconds: 4 }), text: "Hello from Alice." },
      preview: { text: "A preview.", model: "speech-02-hd" },
    });
    expect(voice).toMatchObject({ voiceId: "Alice-voice-01", previewURL: expect.stringContaining("/preview/Alice-voice-01.mp3") });
    expect(fake.voices.get("Alice-voice-01")).toMatchObject({
      fileId: voice.fileId,
      promptFileId: voice.promptFileId,
      promptText: "Hello from Alice.",
    });
    const clones = fake.requests.filter((request) => request.operation === "voice_clone");
    expect(clones.map((request) => request.authorization)).toEqual([`Bearer ${upstreamKey}`]);
  });

  test("another caller's file cannot be cloned: the answer is a missing file's, and nothing reaches upstream", async () => {
    const running = await server();
    const { file_id } = await as(running.url, "alice").upload({ file: clip });
    const clone = (id: string) =>
      raw(running.url, "bob", "/v1/voice_clone", {
        method: "POST",
        body: `{"file_id":${id},"voice_id":"Bob-voice-001"}`,
        headers: { "Content-Type": "application/json" },
      });
    expect(await seen(await clone(file_id))).toEqual(await seen(await clone("123456789012345680")));
    expect(fake.requests.filter((request) => request.operation === "voice_clone")).toEqual([]);
    expect(fake.voices.size).toBe(0);
  });

  test("MiniMax's refusal of the caller's input passes through as 422 with its code (2039, a taken voice id)", async () => {
    const running = await server();
    const alice = as(running.url, "alice");
    const { file_id } = await alice.upload({ file: clip });
    await alice.voice.clone({ fileId: file_id, voiceId: "Taken-voice-1" });
    const again = await alice.voice.clone({ fileId: file_id, voiceId: "Taken-voice-1" }).catch((error: unknown) => error);
    expect(again).toMatchObject({ name: "DuplicateVoiceIdError", code: 2039, httpStatus: 422 });
  });
});

describe("a drop-in for clients written for api.minimax.io", () => {
  test("MiniMax's documented curl -F upload at the direct path, with GroupId, then its list", async () => {
    const running = await server();
    const path = join(tmpdir(), `curl-${process.pid}.wav`);
    await writeFile(path, clip);
    cleanups.push(() => rm(path, { force: true }));
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        "curl",
        [
          "-sS",
          `${running.url}/v1/files/upload?GroupId=1234567890`,
          "-H",
          `Authorization: Bearer ${tokens.alice}`,
          "-F",
          "purpose=voice_clone",
          "-F",
          `file=@${path}`,
        ],
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const answer = JSON.parse(output) as { file: { file_id: string; bytes: number }; base_resp: { status_code: number } };
    expect(answer).toMatchObject({ base_resp: { status_code: 0 }, file: { bytes: clip.length } });
    const listed = await raw(running.url, "alice", "/v1/files/list?purpose=voice_clone&GroupId=1234567890");
    expect(await listed.json()).toMatchObject({ files: [{ file_id: answer.file.file_id }] });
  });
});

test("probes a load balancer sends: GET /healthz and /readyz over HTTP/1.0 without a Host header", async () => {
  const running = await server();
  const { port } = new URL(running.url);
  for (const path of ["/healthz", "/readyz"]) {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write(`GET ${path} HTTP/1.0\r\n\r\n`));
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  }
});
