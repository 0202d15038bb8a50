/**
 * Opt-in conversion with a real decoder (Debian's ffmpeg, which `.ci/run` installs), on files
 * made by real encoders: each format MiniMax does not take arrives at the recording echo server
 * as WAV (or MP3 when the WAV would pass 20 MB) that decodes to the same duration (±0.1 s);
 * `trimTo` cuts a long clip and never lengthens a short one; without `convert` the audio is
 * refused as before, naming the option; no temporary file is left behind, whatever the outcome.
 */
import { Readable } from "node:stream";
import { type EchoServer, encodeTone, type OtherEncoding, otherEncodings, startEchoServer } from "@minimax-files/testkit";
import { parseBuffer } from "music-metadata";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sniffAudioFormat } from "../src/audio/sniff.js";
import { MiniMaxFiles } from "../src/client.js";
import { AudioPreflightError, InvalidInputError } from "../src/errors.js";
import { canaryKey } from "./canary.js";
import { privateTmpDir } from "./helpers.js";

let echo: EchoServer;
const leftovers = privateTmpDir({ beforeAll, afterAll });
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const client = (options: ConstructorParameters<typeof MiniMaxFiles>[0] = {}) =>
  new MiniMaxFiles({ apiKey: canaryKey("convert"), baseURL: echo.url, maxRetries: 0, ...options });

/** The last upload the echo server received: its bytes' format, duration, filename and type. */
async function received() {
  const part = echo.uploads.at(-1)!.files[0]!;
  const bytes = new Uint8Array(part.bytes);
  const { format } = await parseBuffer(bytes, { size: bytes.length }, { duration: true });
  return {
    format: sniffAudioFormat(bytes),
    seconds: format.duration ?? Number.NaN,
    filename: part.filename,
    contentType: part.contentType,
    size: bytes.length,
  };
}

describe.each(Object.keys(otherEncodings) as OtherEncoding[])("%s", (encoding) => {
  let audio: Uint8Array;
  beforeAll(async () => {
    audio = await encodeTone({ format: encoding, seconds: 12 });
  });

  test("without convert: refused before sending, naming the option", async () => {
    const before = echo.uploads.length;
    const error = await client()
      .upload({ file: audio })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AudioPreflightError);
    expect(error).toMatchObject({ rule: "format", remedy: { option: "convert" } });
    expect((error as Error).message).toContain("Pass convert: true to convert it to WAV");
    expect(echo.uploads.length).toBe(before);
  });

  test.each([
    ["bytes", () => audio],
    ["a one-shot stream", () => Readable.from([Buffer.from(audio)])],
  ])("with convert, as %s: received as 16-bit WAV of the same duration", async (_, source) => {
    const file = await client({ convert: true }).upload({ file: source(), filename: `take.${otherEncodings[encoding].extension}` });
    expect(file.file_id).toBeTruthy();
    const got = await received();
    expect(got).toMatchObject({ format: "wav", filename: "take.wav", contentType: "audio/wav" });
    expect(Math.abs(got.seconds - 12)).toBeLessThanOrEqual(0.1);
    expect(await leftovers()).toEqual([]);
  });
});

test("a clip whose WAV would pass 20 MB is sent as MP3 instead, same duration", async () => {
  const long = await encodeTone({ format: "webm-opus", seconds: 240 }); // 240 s at 48 kHz: a 23 MB WAV
  await client({ convert: true }).upload({ file: long });
  const got = await received();
  expect(got.format).toBe("mp3");
  expect(got.size).toBeLessThan(20 * 1024 * 1024);
  expect(Math.abs(got.seconds - 240)).toBeLessThanOrEqual(0.1);
  expect(await leftovers()).toEqual([]);
});

describe("trimTo", () => {
  test("a 6-minute clip with trimTo 300 is accepted as 300 s", async () => {
    const sixMinutes = await encodeTone({ format: "wav", seconds: 360 });
    await expect(client().upload({ file: sixMinutes })).rejects.toMatchObject({
      remedy: { option: "trimTo", seconds: 300 },
      message: expect.stringMatching(/Pass trimTo: 300 to cut it/),
    });
    await client().upload({ file: sixMinutes }, { trimTo: 300 });
    const got = await received();
    expect(got.format).toBe("wav");
    expect(Math.abs(got.seconds - 300)).toBeLessThanOrEqual(0.1);
    expect(await leftovers()).toEqual([]);
  });

  test("a clip already short enough is sent as it is; a too-short one is still refused", async () => {
    const fine = await encodeTone({ format: "mp3", seconds: 12 });
    await client().upload({ file: fine }, { trimTo: 300 });
    expect((await received()).format).toBe("mp3");
    const short = await encodeTone({ format: "wav", seconds: 5 });
    await expect(client().upload({ file: short }, { trimTo: 300 })).rejects.toMatchObject({ rule: "duration" });
  });
});

describe("failures leave nothing behind", () => {
  test("bytes ffmpeg cannot decode: InvalidInputError naming ffmpeg, nothing sent", async () => {
    const before = echo.uploads.length;
    const error = await client({ convert: true })
      .upload({ file: new TextEncoder().encode("definitely not audio, not even close") })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/ffmpeg could not decode it/);
    expect(echo.uploads.length).toBe(before);
    expect(await leftovers()).toEqual([]);
  });

  test("an abort during the conversion stops ffmpeg and deletes its files", async () => {
    const long = await encodeTone({ format: "flac", seconds: 280 });
    const controller = new AbortController();
    const upload = client({ convert: true }).upload({ file: Readable.from([Buffer.from(long)]) }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(upload).rejects.toMatchObject({ name: "AbortedError" });
    // ffmpeg stopped and its files deleted by the time the call rejects: no wait here.
    expect(await leftovers()).toEqual([]);
  });

  test("no ffmpeg to run: InvalidInputError saying what to install", async () => {
    const flac = await encodeTone({ format: "flac", seconds: 12 });
    await expect(client({ convert: { ffmpegPath: "/nonexistent/ffmpeg" } }).upload({ file: flac })).rejects.toMatchObject({
      field: "convert",
      message: expect.stringContaining(
        "ffmpeg on PATH (Debian: apt-get install ffmpeg), FFMPEG_PATH, or the optional package @ffmpeg-installer/ffmpeg",
      ),
    });
  });

  test("convert and trimTo are checked before anything starts", async () => {
    await expect(client().upload({ file: new Uint8Array(4) }, { trimTo: -1 })).rejects.toMatchObject({ field: "trimTo" });
    await expect(client().upload({ file: new Uint8Array(4) }, { convert: "yes" as never })).rejects.toMatchObject({ field: "convert" });
  });
});
