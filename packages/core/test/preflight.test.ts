import { Readable } from "node:stream";
import { type EchoServer, encodeTone, makeM4a, makeMp3, makeWav, startEchoServer } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkSource } from "../src/audio/preflight.js";
import { MiniMaxFiles } from "../src/client.js";
import { AudioPreflightError, InvalidInputError } from "../src/errors.js";
import type { UploadOptions as RequestOptions, UploadParams } from "../src/files/upload.js";
import { openSource } from "../src/sources/open-source.js";
import { canaryKey } from "./canary.js";

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

/** Uploads to the echo server and returns the error, checking that nothing was sent. */
async function refusal(params: UploadParams, options: RequestOptions = {}): Promise<AudioPreflightError> {
  const before = echo.uploads.length;
  const error = await new MiniMaxFiles({ apiKey: canaryKey("preflight"), baseURL: echo.url })
    .upload(params, options)
    .catch((e: unknown) => e);
  expect(echo.uploads.length).toBe(before);
  expect(error).toBeInstanceOf(AudioPreflightError);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as AudioPreflightError;
}

async function accepted(params: UploadParams, options: RequestOptions = {}): Promise<void> {
  const before = echo.uploads.length;
  await new MiniMaxFiles({ apiKey: canaryKey("preflight"), baseURL: echo.url }).upload(params, options);
  expect(echo.uploads.length).toBe(before + 1);
}

describe("format", () => {
  test.each([
    ["text", new TextEncoder().encode("hello, this is not audio")],
    ["an Ogg header", new TextEncoder().encode("OggS\0\x02\0\0\0\0\0\0 ...")],
    ["an empty file", new Uint8Array(0)],
  ])("%s is refused before any byte is sent, naming what was found", async (_, bytes) => {
    const error = await refusal({ file: bytes });
    expect(error.rule).toBe("format");
    expect(error.limit).toContain("mp3, wav or m4a");
    expect(error.message).toMatch(/format check/);
  });

  test("a WAV named .txt passes: the bytes decide, not the name", async () => {
    await accepted({ file: new File([makeWav({ seconds: 12 }) as Uint8Array<ArrayBuffer>], "notes.txt") });
  });
});

describe("size", () => {
  test("a file over the limit is refused, naming its size and the limit", async () => {
    const error = await refusal({ file: makeWav({ seconds: 12 }) }, { preflight: { maxBytes: 100_000 } });
    expect(error).toMatchObject({ rule: "size", found: "384044 bytes", limit: "at most 100000 bytes" });
  });

  test("a one-shot stream over the limit is refused once the limit is passed, and no upload completes", async () => {
    const error = await refusal({ file: Readable.from([makeWav({ seconds: 12 })]) }, { preflight: { maxBytes: 100_000 } });
    expect(error.rule).toBe("size");
    expect(error.found).toMatch(/^more than \d+ bytes$/);
  });

  test("the default limit is 20 MB", async () => {
    const error = await refusal({ file: new Uint8Array(20 * 1024 * 1024 + 1) });
    expect(error).toMatchObject({ rule: "size", limit: `at most ${20 * 1024 * 1024} bytes` });
  });
});

describe("duration", () => {
  test.each([
    ["voice_clone", "wav", makeWav({ seconds: 9 }), "9 s", "10 s to 300 s for voice_clone"],
    ["voice_clone", "wav", makeWav({ seconds: 301, sampleRate: 8000 }), "301 s", "10 s to 300 s for voice_clone"],
    ["voice_clone", "mp3", makeMp3({ seconds: 5 }), /^5\.\d+ s$/, "10 s to 300 s for voice_clone"],
    ["voice_clone", "m4a", makeM4a({ seconds: 400 }), "400 s", "10 s to 300 s for voice_clone"],
    ["prompt_audio", "wav", makeWav({ seconds: 8 }), "8 s", "under 8 s for prompt_audio"],
    ["prompt_audio", "mp3", makeMp3({ seconds: 12, id3Bytes: 500 }), /^12\.\d+ s$/, "under 8 s for prompt_audio"],
  ] as const)("%s refuses a %s of the wrong length, naming the value and the limit", async (purpose, _, bytes, found, limit) => {
    const error = await refusal({ file: bytes, purpose });
    expect(error.rule).toBe("duration");
    expect(error.found).toMatch(found);
    expect(error.limit).toBe(limit);
  });

  test.each([
    ["voice_clone", makeWav({ seconds: 10 })],
    ["voice_clone", makeWav({ seconds: 300, sampleRate: 8000 })],
    ["voice_clone", makeMp3({ seconds: 30 })],
    ["voice_clone", makeM4a({ seconds: 60 })],
    ["prompt_audio", makeWav({ seconds: 7.9 })],
    ["prompt_audio", makeM4a({ seconds: 3 })],
  ] as const)("%s accepts audio within the limits (%#)", async (purpose, bytes) => {
    await accepted({ file: bytes, purpose });
  });

  test("limits are configurable per purpose, per client or per call", async () => {
    const shortClip = makeWav({ seconds: 5 });
    await accepted({ file: shortClip }, { preflight: { durations: { voice_clone: { minSeconds: 3 } } } });
    const client = new MiniMaxFiles({
      apiKey: canaryKey("preflight"),
      baseURL: echo.url,
      preflight: { durations: { voice_clone: { minSeconds: 3 } } },
    });
    await expect(client.upload({ file: shortClip })).resolves.toBeTruthy();
  });

  test("checks can be turned off per client or per call", async () => {
    await accepted({ file: new TextEncoder().encode("not audio") }, { preflight: false });
    const client = new MiniMaxFiles({ apiKey: canaryKey("preflight"), baseURL: echo.url, preflight: false });
    await expect(client.upload({ file: makeWav({ seconds: 1 }) })).resolves.toBeTruthy();
  });

  test("audio whose headers cannot be read is refused, saying so", async () => {
    const truncated = makeM4a({ seconds: 12 }).subarray(0, 40); // ftyp, then a cut-off moov
    const error = await refusal({ file: truncated });
    expect(error.rule).toBe("duration");
  });
});

describe("checks read headers only", () => {
  /** A Blob that counts the bytes read through it. */
  class CountingBlob extends Blob {
    static read = 0;
    override slice(start?: number, end?: number, type?: string): Blob {
      const part = super.slice(start, end, type);
      if (part.size === this.size) return new CountingBlob([part], { type: part.type });
      CountingBlob.read += part.size;
      return part;
    }
    override stream() {
      CountingBlob.read += this.size;
      return super.stream();
    }
    override arrayBuffer() {
      CountingBlob.read += this.size;
      return super.arrayBuffer();
    }
  }

  test.each([
    ["a 5-minute WAV", makeWav({ seconds: 300 })],
    ["a 290 s MP3", makeMp3({ seconds: 290, id3Bytes: 1000 })],
    ["an M4A with 5 MB of media", makeM4a({ seconds: 120, mediaBytes: 5_000_000 })],
  ])("%s: the checks read under 64 KiB", async (_, bytes) => {
    CountingBlob.read = 0;
    const blob = new CountingBlob([bytes as Uint8Array<ArrayBuffer>]);
    const checked = await checkSource(await openSource(blob), "voice_clone", {});
    expect(checked.format).toBeDefined();
    expect(CountingBlob.read).toBeGreaterThan(0);
    expect(CountingBlob.read, `read ${CountingBlob.read} bytes`).toBeLessThan(64 * 1024);
    expect(bytes.length).toBeGreaterThan(1_000_000);
  });
});

describe("a format refusal names what the file is", () => {
  test.each([
    ["flac", /^FLAC audio \(bytes starting 66 4c 61 43/],
    ["ogg-vorbis", /^Ogg audio \(Vorbis or Opus\)/],
    ["ogg-opus", /^Ogg audio \(Vorbis or Opus\)/],
    ["webm-opus", /^WebM\/Matroska \(a browser recording\?\)/],
  ] as const)("%s made by ffmpeg", async (format, found) => {
    const error = await refusal({ file: await encodeTone({ seconds: 12, format }) });
    expect(error.rule).toBe("format");
    expect(error.found).toMatch(found);
  });

  test.each([
    ["a JPEG", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), /^JPEG image/],
    ["a PNG", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /^PNG image/],
    ["an HTML error page saved as .mp3", new TextEncoder().encode("<!DOCTYPE html><html>"), /^an HTML page/],
    ["unknown binary", new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), /^bytes starting 00 01 02/],
  ])("%s", async (_, bytes, found) => {
    const error = await refusal({ file: bytes });
    expect(error.found).toMatch(found);
  });
});
