/**
 * Prism cannot see what a file part holds, so these tests upload to the testkit's echo server,
 * which records every part, and compare filename, content type and every byte.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { makeWav, startEchoServer, type EchoServer } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import type { UploadSource } from "../src/upload-source.js";

let echo: EchoServer;
let dir: string;
let clip: Uint8Array;
let clipPath: string;

beforeAll(async () => {
  echo = await startEchoServer();
  dir = await mkdtemp(join(tmpdir(), "minimax-files-echo-"));
  clip = makeWav({ seconds: 12, frequency: 523 });
  clipPath = join(dir, "stimme-äöü 声音.wav");
  await writeFile(clipPath, clip);
});

afterAll(async () => {
  await echo.close();
  await rm(dir, { recursive: true, force: true });
});

const sources: Array<[string, () => UploadSource, string, string]> = [
  ["a path", () => clipPath, "stimme-äöü 声音.wav", "audio/wav"],
  ["a file: URL", () => pathToFileURL(clipPath), "stimme-äöü 声音.wav", "audio/wav"],
  ["a Buffer", () => Buffer.from(clip), "audio", "application/octet-stream"],
  ["a Uint8Array", () => clip, "audio", "application/octet-stream"],
  ["an ArrayBuffer", () => clip.slice().buffer, "audio", "application/octet-stream"],
  ["a Blob", () => new Blob([clip as Uint8Array<ArrayBuffer>], { type: "audio/x-wav" }), "audio", "audio/x-wav"],
  ["a File with a non-ASCII name", () => new File([clip as Uint8Array<ArrayBuffer>], "голос 1.wav", { type: "audio/wav" }), "голос 1.wav", "audio/wav"],
];

describe("bytes arrive exactly", () => {
  test.each(sources)("from %s", async (_, source, filename, contentType) => {
    const client = new MiniMaxFiles({ apiKey: "echo-key", baseURL: echo.url });
    const before = echo.uploads.length;
    const file = await client.upload({ file: source(), purpose: "voice_clone" });
    const received = echo.uploads[before]!;
    expect(received.path).toBe("/minimax/v1/files/upload");
    expect(received.headers.authorization).toBe("Bearer echo-key");
    expect(received.fields).toEqual({ purpose: "voice_clone" });
    expect(received.files).toHaveLength(1);
    const part = received.files[0]!;
    expect(part.field).toBe("file");
    expect(part.filename).toBe(filename);
    expect(part.contentType).toBe(contentType);
    expect(part.bytes.equals(Buffer.from(clip))).toBe(true);
    expect(file.bytes).toBe(clip.length);
    expect(file.filename).toBe(filename);
  });

  test("filename and content type can be overridden", async () => {
    const client = new MiniMaxFiles({ apiKey: "echo-key", baseURL: echo.url });
    const before = echo.uploads.length;
    await client.upload({ file: clipPath, filename: "renamed.mp3", contentType: "audio/mpeg", purpose: "prompt_audio" });
    const received = echo.uploads[before]!;
    expect(received.fields).toEqual({ purpose: "prompt_audio" });
    expect(received.files[0]).toMatchObject({ filename: "renamed.mp3", contentType: "audio/mpeg" });
    expect(received.files[0]!.bytes.equals(Buffer.from(clip))).toBe(true);
  });
});
