/**
 * Prism cannot see what a file part holds, so these tests upload to the testkit's echo server,
 * which records every part, and compare filename, content type and every byte, for every kind
 * of source.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { type EchoServer, makeM4a, makeMp3, makeWav, startEchoServer } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import type { UploadSource } from "../src/sources/types.js";
import { canaryKey } from "./canary.js";

let echo: EchoServer;
let audioHost: Server;
let audioHostUrl: string;
let dir: string;
const clip = makeWav({ seconds: 12, frequency: 523 });
const clipName = "stimme-äöü 声音.wav";
let clipPath: string;

/** Splits bytes into `count` chunks of uneven sizes. */
function chunks(bytes: Uint8Array, count = 7): Uint8Array[] {
  const out: Uint8Array[] = [];
  let offset = 0;
  for (let i = 1; i <= count; i++) {
    const end = i === count ? bytes.length : offset + Math.floor((bytes.length / count) * (i % 2 ? 0.5 : 1.5));
    out.push(bytes.slice(offset, end));
    offset = end;
  }
  return out;
}

function webStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  const parts = chunks(bytes);
  return new ReadableStream({ pull: (c) => (parts.length ? c.enqueue(parts.shift()!) : c.close()) });
}

beforeAll(async () => {
  echo = await startEchoServer();
  dir = await mkdtemp(join(tmpdir(), "minimax-files-echo-"));
  clipPath = join(dir, clipName);
  await writeFile(clipPath, clip);
  // Serves the clip as a download, for Response sources.
  audioHost = createServer((_, res) => res.writeHead(200, { "Content-Type": "audio/x-wav", "Content-Length": clip.length }).end(clip));
  await new Promise<void>((resolve) => audioHost.listen(0, "127.0.0.1", resolve));
  audioHostUrl = `http://127.0.0.1:${(audioHost.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await echo.close();
  audioHost.close();
  await rm(dir, { recursive: true, force: true });
});

type SourceCase = [kind: string, make: () => UploadSource | Promise<UploadSource>, filename: string];

const sources: SourceCase[] = [
  ["a path", () => clipPath, clipName],
  ["a file: URL", () => pathToFileURL(clipPath), clipName],
  ["a Buffer", () => Buffer.from(clip), "audio.wav"],
  ["a Uint8Array view into a larger buffer", () => new Uint8Array([9, 9, ...clip, 9]).subarray(2, 2 + clip.length), "audio.wav"],
  ["an ArrayBuffer", () => clip.slice().buffer, "audio.wav"],
  ["a Blob", () => new Blob([clip as Uint8Array<ArrayBuffer>]), "audio.wav"],
  ["a File with a non-ASCII name", () => new File([clip as Uint8Array<ArrayBuffer>], "голос 1.wav"), "голос 1.wav"],
  ["a multi-chunk Node Readable", () => Readable.from(chunks(clip)), "audio.wav"],
  ["an fs.ReadStream with small chunks", () => createReadStream(clipPath, { highWaterMark: 4096 }), clipName],
  ["a multi-chunk web ReadableStream", () => webStream(clip), "audio.wav"],
  ["a fetch Response", async () => fetch(`${audioHostUrl}/downloads/%C3%A9chantillon.wav`), "échantillon.wav"],
  ["a constructed Response", () => new Response(webStream(clip)), "audio.wav"],
];

async function uploadAndReceive(source: UploadSource, preflight: boolean) {
  const client = new MiniMaxFiles({ apiKey: canaryKey("echo"), baseURL: echo.url });
  const before = echo.uploads.length;
  const file = await client.upload({ file: source, purpose: "voice_clone" }, { preflight });
  expect(echo.uploads).toHaveLength(before + 1);
  return { file, received: echo.uploads[before]! };
}

describe.each([true, false])("bytes arrive exactly (pre-flight checks %s)", (preflight) => {
  test.each(sources)("from %s", async (_, make, filename) => {
    const { file, received } = await uploadAndReceive(await make(), preflight);
    expect(received.path).toBe("/minimax/v1/files/upload");
    expect(received.headers.authorization).toBe(`Bearer ${canaryKey("echo")}`);
    expect(received.fields).toEqual({ purpose: "voice_clone" });
    expect(received.files).toHaveLength(1);
    const part = received.files[0]!;
    expect(part.field).toBe("file");
    expect(part.filename).toBe(filename);
    expect(part.contentType).toBe("audio/wav"); // sniffed from the bytes
    expect(part.bytes.equals(Buffer.from(clip))).toBe(true);
    expect(file.bytes).toBe(clip.length);
  });
});

describe("large sources", () => {
  test.each([
    [
      "a path",
      async (bytes: Uint8Array) => {
        const path = join(dir, "large.bin");
        await writeFile(path, bytes);
        return path;
      },
    ],
    ["bytes", async (bytes: Uint8Array) => bytes],
  ])("%s spanning several read chunks arrives exactly", async (_, make) => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 3).map((_, i) => (i * 7919) % 251);
    const { received } = await uploadAndReceive(await make(bytes), false);
    expect(received.files[0]!.bytes.length).toBe(bytes.length);
    expect(received.files[0]!.bytes.equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("content type and filename", () => {
  test.each([
    ["mp3 with an ID3 tag", makeMp3({ seconds: 12, id3Bytes: 2048 }), "audio/mpeg", "audio.mp3"],
    ["mp3 without a tag", makeMp3({ seconds: 12 }), "audio/mpeg", "audio.mp3"],
    ["m4a", makeM4a({ seconds: 12 }), "audio/mp4", "audio.m4a"],
  ])("%s is sniffed from its bytes, whatever it is called", async (_, bytes, contentType, filename) => {
    const { received } = await uploadAndReceive(bytes, true);
    expect(received.files[0]).toMatchObject({ contentType, filename });
    expect(received.files[0]!.bytes.equals(Buffer.from(bytes))).toBe(true);
  });

  test("a misleading extension does not decide the content type", async () => {
    const { received } = await uploadAndReceive(new File([clip as Uint8Array<ArrayBuffer>], "voice.mp3", { type: "audio/mpeg" }), true);
    expect(received.files[0]).toMatchObject({ filename: "voice.mp3", contentType: "audio/wav" });
  });

  test("filename and content type can be overridden", async () => {
    const client = new MiniMaxFiles({ apiKey: canaryKey("echo"), baseURL: echo.url });
    const before = echo.uploads.length;
    await client.upload({ file: clipPath, filename: "renamed.mp3", contentType: "audio/x-custom", purpose: "voice_clone" });
    const received = echo.uploads[before]!;
    expect(received.files[0]).toMatchObject({ filename: "renamed.mp3", contentType: "audio/x-custom" });
    expect(received.files[0]!.bytes.equals(Buffer.from(clip))).toBe(true);
  });

  test("with checks off, unrecognised bytes keep the source's declared type", async () => {
    const notAudio = new TextEncoder().encode("not audio at all");
    const { received } = await uploadAndReceive(new Blob([notAudio], { type: "text/plain" }), false);
    expect(received.files[0]).toMatchObject({ filename: "audio", contentType: "text/plain" });
  });

  test("a known size is sent as Content-Length; a stream of unknown size is sent chunked", async () => {
    const sized = await uploadAndReceive(clip, true);
    expect(Number(sized.received.headers["content-length"])).toBeGreaterThan(clip.length);
    const streamed = await uploadAndReceive(webStream(clip), false);
    expect(streamed.received.headers["transfer-encoding"]).toBe("chunked");
  });
});
