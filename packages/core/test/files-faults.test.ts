/**
 * Faults for each file operation, from the stateful fake: a reset, a 5xx, a body that breaks off,
 * an HTML page, a MiniMax error code, a slow body, an abort, a lost answer. Reads (and delete) are
 * retried on resets, 5xx, truncation and timeouts; nothing partial is left on disk; the key never
 * shows in an error, whatever the upstream echoes.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeOperation, type FilesFake, startFilesFake } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { canaryKey, canaryMarker } from "./canary.js";
import { findCanary } from "./setup/canary-scan.js";

const apiKey = canaryKey("faults");
let fake: FilesFake;
let client: MiniMaxFiles;
let folder: string;
let fileId: string;
const content = Buffer.alloc(200_000, 7);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "files-faults-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));
beforeEach(async () => {
  fake = await startFilesFake({ apiKey });
  client = new MiniMaxFiles({ apiKey, baseURL: fake.url, initialRetryDelayMs: 1, maxRetryDelayMs: 5 });
  fileId = fake.add({ purpose: "voice_clone", filename: "voice.wav", bytes: content }).fileId;
});
afterEach(() => fake.close());

/** Each read operation, called as a user calls it. */
const reads: Record<string, { operation: FakeOperation; call: () => Promise<unknown> }> = {
  list: { operation: "list", call: () => client.files.list({ purpose: "voice_clone" }) },
  retrieve: { operation: "retrieve", call: () => client.files.retrieve(fileId) },
  retrieveContent: { operation: "retrieve_content", call: async () => (await client.files.retrieveContent(fileId)).bytes() },
  download: {
    operation: "retrieve_content",
    call: () => client.files.download(fileId, join(folder, `d-${Date.now()}-${Math.random()}.wav`)),
  },
};
const attemptsOf = (operation: FakeOperation) => fake.requests.filter((request) => request.operation === operation).length;

describe.each(Object.entries(reads))("%s", (_, { operation, call }) => {
  test.each([
    ["a reset", { kind: "reset" } as const],
    ["a 503", { kind: "status", status: 503 } as const],
    ["1001 (MiniMax timed out)", { kind: "code", code: 1001 } as const],
    ["1002 (rate limit)", { kind: "code", code: 1002 } as const],
  ])("%s is retried, and the next attempt succeeds", async (_, fault) => {
    fake.failNext(operation, fault);
    await expect(call()).resolves.toBeDefined();
    expect(attemptsOf(operation)).toBe(2);
  });

  test("an HTML page is an InvalidResponseError (html), not retried", async () => {
    fake.failNext(operation, { kind: "html" });
    await expect(call()).rejects.toMatchObject({ name: "InvalidResponseError", reason: "html", attempts: 1 });
    expect(attemptsOf(operation)).toBe(1);
  });

  test("a MiniMax error that retrying cannot fix (2013) is its typed error at once", async () => {
    fake.failNext(operation, { kind: "code", code: 2013, message: "invalid params" });
    await expect(call()).rejects.toMatchObject({ name: "InvalidParametersError", code: 2013, attempts: 1, traceId: expect.any(String) });
  });

  test("a server that never answers times out each attempt; the error names the limit", async () => {
    for (let i = 0; i < 2; i++) fake.failNext(operation, { kind: "hang" });
    const slow = new MiniMaxFiles({ apiKey, baseURL: fake.url, timeout: 150, maxRetries: 1, initialRetryDelayMs: 1 });
    const error = await (operation === "list"
      ? slow.files.list({ purpose: "voice_clone" })
      : operation === "retrieve"
        ? slow.files.retrieve(fileId)
        : slow.files.retrieveContent(fileId)
    ).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 150, attempts: 2 });
  });
});

describe("downloads", () => {
  const leftovers = async () => (await readdir(folder)).filter((name) => name.endsWith(".partial"));

  test("a body that breaks off is retried as a whole; the file is complete and nothing partial is left", async () => {
    fake.failNext("retrieve_content", { kind: "truncate" });
    const path = join(folder, "complete.wav");
    await expect(client.files.download(fileId, path)).resolves.toMatchObject({ bytes: content.length });
    expect(attemptsOf("retrieve_content")).toBe(2);
    expect(await leftovers()).toEqual([]);
  });

  test("a body that always breaks off: InvalidResponseError (truncated) after every retry, no file at all", async () => {
    for (let i = 0; i < 3; i++) fake.failNext("retrieve_content", { kind: "truncate" });
    const path = join(folder, "never.wav");
    await expect(client.files.download(fileId, path)).rejects.toMatchObject({
      name: "InvalidResponseError",
      reason: "truncated",
      attempts: 3,
    });
    expect((await readdir(folder)).filter((name) => name.includes("never"))).toEqual([]);
  });

  test("an abort mid-body stops the download: AbortedError, no file, no leftovers", async () => {
    fake.failNext("retrieve_content", { kind: "stall", bytes: 256 * 1024 });
    const controller = new AbortController();
    const path = join(folder, "aborted.wav");
    const download = client.files.download(fileId, path, {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error("user cancelled")),
    });
    await expect(download).rejects.toMatchObject({ name: "AbortedError" });
    expect((await readdir(folder)).filter((name) => name.includes("aborted"))).toEqual([]);
  });

  test("a stream that stalls after it was handed over is cut by the timeout, with the typed error", async () => {
    fake.failNext("retrieve_content", { kind: "stall", bytes: 256 * 1024 });
    const slow = new MiniMaxFiles({ apiKey, baseURL: fake.url, timeout: 1_000 });
    const opened = await slow.files.retrieveContent(fileId);
    await expect(opened.bytes()).rejects.toMatchObject({ name: "TimeoutError", timeoutMs: 1_000, attempts: 1 });
  });

  test("a download that stalls mid-body is cut by the timeout: TimeoutError, no file, no leftovers", async () => {
    fake.failNext("retrieve_content", { kind: "stall", bytes: 256 * 1024 });
    const slow = new MiniMaxFiles({ apiKey, baseURL: fake.url, timeout: 500, maxRetries: 0 });
    const path = join(folder, "stalled.wav");
    await expect(slow.files.download(fileId, path)).rejects.toMatchObject({ name: "TimeoutError", timeoutMs: 500, attempts: 1 });
    expect((await readdir(folder)).filter((name) => name.includes("stalled"))).toEqual([]);
  });

  test("a slow body within the timeout arrives whole", async () => {
    fake.failNext("retrieve_content", { kind: "slow", ms: 30 });
    expect(new TextDecoder().decode(await (await client.files.retrieveContent(fileId)).bytes())).toBe("abc");
  });
});

describe("delete", () => {
  test("a reset before MiniMax acted is retried, and deletes", async () => {
    fake.failNext("delete", { kind: "reset" });
    await expect(client.files.delete(fileId, { purpose: "voice_clone" })).resolves.toEqual({ file_id: fileId });
    expect(fake.files.has(fileId)).toBe(false);
  });

  test("a lost answer after MiniMax deleted: the retry finds it gone, retrieve confirms, and the result says so", async () => {
    fake.failNext("delete", { kind: "drop-answer" });
    await expect(client.files.delete(fileId, { purpose: "voice_clone" })).resolves.toEqual({
      file_id: fileId,
      deletedByEarlierAttempt: true,
    });
    expect(fake.requests.map((request) => request.operation)).toEqual(["delete", "delete", "retrieve"]);
  });

  test("a wrong purpose is not mistaken for an earlier delete: the file is there, so the 2013 stands", async () => {
    fake.failNext("delete", { kind: "reset" });
    await expect(client.files.delete(fileId, { purpose: "prompt_audio" })).rejects.toMatchObject({
      name: "InvalidParametersError",
      attempts: 2,
    });
    expect(fake.files.has(fileId)).toBe(true);
  });

  test("an HTML page in answer to a delete is not retried (the file may be gone)", async () => {
    fake.failNext("delete", { kind: "html" });
    await expect(client.files.delete(fileId, { purpose: "voice_clone" })).rejects.toMatchObject({ reason: "html", attempts: 1 });
  });
});

describe("the key never shows, whatever the upstream echoes", () => {
  const echoes = [
    { kind: "code", code: 1004, message: `bad key ${apiKey}` },
    { kind: "status", status: 502, body: `upstream said: Authorization: Bearer ${apiKey}` },
    { kind: "status", status: 400, body: `{"error":"${encodeURIComponent(apiKey)}"}` },
  ] as const;
  test.each(["list", "retrieve", "retrieve_content", "delete"] as const)("%s", async (operation) => {
    for (const echo of echoes) {
      fake.failNext(operation, echo);
      const error =
        operation === "list"
          ? await client.files.list({ purpose: "voice_clone" }, { maxRetries: 0 }).catch((e: unknown) => e)
          : operation === "retrieve"
            ? await client.files.retrieve(fileId, { maxRetries: 0 }).catch((e: unknown) => e)
            : operation === "delete"
              ? await client.files.delete(fileId, { purpose: "voice_clone" }, { maxRetries: 0 }).catch((e: unknown) => e)
              : await client.files.download(fileId, join(folder, "leak.wav"), { maxRetries: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(findCanary(error), `${operation}: ${(error as Error).message}`).toBeUndefined();
      expect(JSON.stringify(error)).not.toContain(canaryMarker);
    }
  });
});
