/**
 * The Files API end to end against the stateful fake (`@minimax-files/mock`): byte-exact round
 * trips with ids above 2^53, ids sent with every digit (a JSON number in delete's body), the
 * purposes each operation takes, and where each request goes on MiniMax's own hosts.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FilesFake, makeWav, startFilesFake } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { AudioPreflightError, InvalidInputError } from "../src/errors.js";
import { canaryKey } from "./canary.js";

const apiKey = canaryKey("files");
let fake: FilesFake;
let client: MiniMaxFiles;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "files-test-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));
beforeEach(async () => {
  fake = await startFilesFake({ apiKey });
  client = new MiniMaxFiles({ apiKey, baseURL: fake.url, initialRetryDelayMs: 1 });
});
afterEach(() => fake.close());

test("upload, list, retrieve, download and delete: the same bytes back, the id exact and above 2^53 throughout", async () => {
  const clip = makeWav({ seconds: 12, frequency: 523 });
  const uploaded = await client.files.upload({ file: clip, filename: "take.wav" });
  expect(BigInt(uploaded.file_id)).toBeGreaterThan(2n ** 53n);
  expect(fake.files.get(uploaded.file_id)?.bytes.equals(Buffer.from(clip))).toBe(true);

  expect(await client.files.list({ purpose: "voice_clone" })).toEqual([
    { file_id: uploaded.file_id, bytes: clip.length, created_at: uploaded.created_at, filename: "take.wav", purpose: "voice_clone" },
  ]);
  expect(await client.files.list({ purpose: "prompt_audio" })).toEqual([]);
  expect(await client.files.retrieve(uploaded.file_id)).toMatchObject({ file_id: uploaded.file_id, bytes: clip.length });

  const content = await client.files.retrieveContent(uploaded.file_id);
  expect(content.size).toBe(clip.length);
  expect(Buffer.from(await content.bytes()).equals(Buffer.from(clip))).toBe(true);

  const path = join(folder, "round-trip.wav");
  const progress: number[] = [];
  const written = await client.files.download(BigInt(uploaded.file_id), path, { onProgress: ({ loaded }) => progress.push(loaded) });
  expect(written).toMatchObject({ path, bytes: clip.length, traceId: expect.stringMatching(/^fake-/) });
  expect((await readFile(path)).equals(Buffer.from(clip))).toBe(true);
  expect(progress.at(-1)).toBe(clip.length);

  expect(await client.files.delete(uploaded.file_id, { purpose: "voice_clone" })).toEqual({ file_id: uploaded.file_id });
  const sent = fake.requests.find((request) => request.operation === "delete")!;
  expect(sent.jsonBody).toBe(`{"file_id":${uploaded.file_id},"purpose":"voice_clone"}`);
  expect(fake.files.size).toBe(0);
  expect(await client.files.list({ purpose: "voice_clone" })).toEqual([]);
});

test("a large download is byte-exact: chunks written at their offsets, several at once, in order", async () => {
  const bytes = randomBytes(12 * 1024 * 1024 + 12_345);
  const stored = fake.add({ purpose: "voice_clone", filename: "big.wav", bytes });
  const path = join(folder, "big.bin");
  const progress: number[] = [];
  await expect(client.files.download(stored.fileId, path, { onProgress: ({ loaded }) => progress.push(loaded) })).resolves.toMatchObject({
    bytes: bytes.length,
  });
  expect((await readFile(path)).equals(bytes)).toBe(true);
  expect(progress.at(-1)).toBe(bytes.length);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
});

test("ids go out with every digit in query strings, whatever form they are passed in", async () => {
  const stored = fake.add({ purpose: "prompt_audio", filename: "clip.wav", bytes: makeWav({ seconds: 2 }) });
  for (const id of [stored.fileId, BigInt(stored.fileId)]) {
    expect((await client.files.retrieve(id)).file_id).toBe(stored.fileId);
  }
  expect(fake.requests.map((request) => request.query["file_id"])).toEqual([stored.fileId, stored.fileId]);
});

test("a JSON error in place of the content (HTTP 200) is the typed error; no file is written", async () => {
  const path = join(folder, "missing.wav");
  await expect(client.files.download("123456789012345680", path)).rejects.toMatchObject({
    name: "InvalidParametersError",
    code: 2013,
    attempts: 1,
  });
  await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  expect((await readdir(folder)).filter((name) => name.includes("missing"))).toEqual([]);
});

test("content that is itself JSON (a text input) is returned as bytes, not parsed", async () => {
  const json = Buffer.from('{"base_resp":{"status_code":0},"note":"a text input that happens to be JSON"}');
  const stored = fake.add({ purpose: "t2a_async_input", filename: "input.txt", bytes: json });
  expect(await (await client.files.retrieveContent(stored.fileId)).text()).toBe(json.toString());
});

describe("t2a_async_input: a txt file or a zip, checked by format only", () => {
  test("text and zip upload; audio is refused before any byte is sent", async () => {
    const text = await client.files.upload({ file: new TextEncoder().encode("Hello, this is read aloud.\n"), purpose: "t2a_async_input" });
    expect(fake.files.get(text.file_id)?.purpose).toBe("t2a_async_input");
    const zip = Uint8Array.of(0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)); // an empty zip
    await client.files.upload({ file: zip, filename: "inputs.zip", purpose: "t2a_async_input" });
    const before = fake.requests.length;
    const refused = await client.files.upload({ file: makeWav({ seconds: 12 }), purpose: "t2a_async_input" }).catch((error) => error);
    expect(refused).toBeInstanceOf(AudioPreflightError);
    expect(refused).toMatchObject({ rule: "format", limit: expect.stringMatching(/txt \(UTF-8 text\) or zip/) });
    expect(fake.requests.length).toBe(before);
  });

  test("no size limit is invented for it: 25 MB of text is sent", async () => {
    const big = new Uint8Array(25 * 1024 * 1024).fill(0x61);
    const uploaded = await client.files.upload({ file: big, filename: "long.txt", purpose: "t2a_async_input" });
    expect(uploaded.bytes).toBe(big.length);
  });
});

describe("bad input is refused before any connection, naming what was wrong and what was expected", () => {
  test.each([
    ["a non-digit string", "12a"],
    ["a leading zero", "0123"],
    ["zero", 0],
    ["a negative number", -5],
    ["a number above 2^53 (its digits already lost)", 2 ** 60],
    ["a fraction", 1.5],
    ["above int64", "9223372036854775808"],
    ["null", null],
  ])("a file id that is %s", async (_, id) => {
    for (const call of [
      () => client.files.retrieve(id as string),
      () => client.files.retrieveContent(id as string),
      () => client.files.delete(id as string, { purpose: "voice_clone" }),
      () => client.files.download(id as string, join(folder, "never.wav")),
    ]) {
      const error = await call().catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: "fileId", expected: expect.stringMatching(/digits as a string/) });
    }
    expect(fake.requests).toEqual([]);
  });

  test("purpose is required by list and delete, and must be one of theirs", async () => {
    const missing = await client.files.list({} as never).catch((error: unknown) => error);
    expect(missing).toMatchObject({ name: "InvalidInputError", field: "purpose", problem: expect.stringMatching(/list needs a purpose/) });
    const wrong = await client.files.delete("362854771301234", { purpose: "podcast" as never }).catch((error: unknown) => error);
    expect(wrong).toMatchObject({ field: "purpose", expected: "voice_clone, prompt_audio, t2a_async, t2a_async_input, video_generation" });
    expect(await client.files.list({ purpose: "t2a_async" as never }).catch((error: unknown) => error)).toMatchObject({ field: "purpose" });
    expect(fake.requests).toEqual([]);
  });

  test("a download target that exists is refused unless overwrite: true; a missing folder is refused", async () => {
    const stored = fake.add({ purpose: "voice_clone", filename: "a.wav", bytes: Uint8Array.of(1, 2, 3) });
    const path = join(folder, "exists.wav");
    await writeFile(path, "keep me");
    await expect(client.files.download(stored.fileId, path)).rejects.toMatchObject({ field: "path", problem: `${path} already exists` });
    await expect(client.files.download(stored.fileId, join(folder, "no", "such", "a.wav"))).rejects.toMatchObject({ field: "path" });
    expect(fake.requests).toEqual([]);
    expect(await readFile(path, "utf8")).toBe("keep me");
    await client.files.download(stored.fileId, path, { overwrite: true });
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
  });
});

test("on MiniMax's own hosts each operation goes to its own direct path (no /minimax), with the key", async () => {
  const seen: string[] = [];
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(`${request.method} ${request.url} ${request.headers.get("authorization") === `Bearer ${apiKey}`}`);
    const body = request.url.includes("retrieve_content")
      ? "bytes"
      : '{"files":[],"file_id":1,"file":{"file_id":1},"base_resp":{"status_code":0,"status_msg":"ok"}}';
    return new Response(body, { status: 200 });
  };
  const direct = new MiniMaxFiles({ apiKey, region: "cn", fetch: recordingFetch as typeof fetch });
  await direct.upload({ file: makeWav({ seconds: 12 }) });
  await direct.files.list({ purpose: "voice_clone" });
  await direct.files.retrieve("123456789012345680");
  await (await direct.files.retrieveContent("123456789012345680")).text();
  await direct.files.delete("123456789012345680", { purpose: "voice_clone" });
  expect(seen).toEqual([
    "POST https://api.minimaxi.com/v1/files/upload true",
    "GET https://api.minimaxi.com/v1/files/list?purpose=voice_clone true",
    "GET https://api.minimaxi.com/v1/files/retrieve?file_id=123456789012345680 true",
    "GET https://api.minimaxi.com/v1/files/retrieve_content?file_id=123456789012345680 true",
    "POST https://api.minimaxi.com/v1/files/delete true",
  ]);
});
