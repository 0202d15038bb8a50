/**
 * An `AbortSignal` is made only where something stops with one: a one-shot stream read whole for
 * its checks and a conversion (ffmpeg). The checks of a path, a Blob or bytes, and the read of a
 * stream's head, watch the deadline without one, as Node's own transport does for the request (an
 * `AbortController` per call is a measurable part of a small upload's CPU: see the README's
 * Performance).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { type EchoServer, makeM4a, makeWav, startEchoServer } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";

let echo: EchoServer;
let folder: string;
const clip = makeWav({ seconds: 11 });
const NativeController = globalThis.AbortController;
let made = 0;

beforeAll(async () => {
  echo = await startEchoServer();
  folder = await mkdtemp(join(tmpdir(), "abort-signals-"));
  await writeFile(join(folder, "clip.wav"), clip);
  globalThis.AbortController = class CountedAbortController extends NativeController {
    constructor() {
      super();
      made++;
    }
  };
});

afterEach(() => {
  made = 0;
});

afterAll(async () => {
  globalThis.AbortController = NativeController;
  await echo.close();
  await rm(folder, { recursive: true, force: true });
});

const client = () => new MiniMaxFiles({ apiKey: "k-abort-signals-1234", baseURL: echo.url, maxRetries: 0 });

test.each([
  ["a path", () => join(folder, "clip.wav")],
  ["bytes", () => clip],
  ["a Blob", () => new Blob([clip as Uint8Array<ArrayBuffer>])],
])("checking and uploading %s makes no AbortController, with or without a caller's signal", async (_, source) => {
  const caller = new NativeController();
  made = 0;
  const uploaded = await client().upload({ file: source() });
  await client().upload({ file: source() }, { signal: caller.signal });
  expect(uploaded.bytes).toBe(clip.length);
  expect(made).toBe(0);
});

test("a one-shot stream whose head tells its duration makes none: its head is read with the deadline watched", async () => {
  made = 0;
  await client().upload({ file: Readable.from([clip]) });
  await client().upload({ file: Readable.from([clip]) }, { signal: new NativeController().signal });
  expect(made).toBe(0);
});

test("a one-shot stream read whole for its checks (an M4A with moov last) makes one: the whole read stops with it", async () => {
  made = 0;
  await client().upload({ file: Readable.from([makeM4a({ seconds: 11, mediaBytes: 200 * 1024, moovLast: true })]) });
  expect(made).toBe(1);
});
