/**
 * A whole WAV's duration read from its headers is exactly music-metadata's, for the WAVs ffmpeg
 * writes and for hand-made edge cases (a data size past the file's end, a chunk of odd size
 * before the data, a `fact` chunk, a data size that is not a whole number of blocks); a PCM WAV
 * is never read whole for it, anything else still is, and the checks read a source's head once.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { durationOf, durationOfWhole, wholeHeadBytes } from "../src/audio/duration.js";
import { limitsFor } from "../src/audio/limits.js";
import { checkWhole } from "../src/audio/preflight.js";
import { BlobSource } from "../src/sources/blob-source.js";
import { BytesSource } from "../src/sources/bytes-source.js";
import { handMadeWav, wavChunk } from "./hand-made-wav.js";

const run = promisify(execFile);
let folder = "";
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "whole-duration-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/**
 * `durationOfWhole` as the checks call it (on the head they read first), counting the source's
 * `whole()` reads: the parser's path reads the file whole, the headers' path does not.
 */
async function durationCountingReads(bytes: Uint8Array): Promise<{ seconds: number | undefined; wholeReads: number }> {
  const source = new BytesSource(bytes);
  let wholeReads = 0;
  const whole = source.whole.bind(source);
  source.whole = () => {
    wholeReads++;
    return whole();
  };
  const seconds = await durationOfWhole(source, "wav", (await source.head(wholeHeadBytes)).bytes);
  return { seconds, wholeReads };
}

test.each([
  ["16-bit PCM, mono, 16 kHz", ["-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le"], true],
  ["24-bit PCM, stereo, 48 kHz", ["-ar", "48000", "-ac", "2", "-c:a", "pcm_s24le"], true],
  ["8-bit PCM, mono, 8 kHz (one-byte blocks)", ["-ar", "8000", "-ac", "1", "-c:a", "pcm_u8"], true],
  [
    "32-bit float, mono, 44.1 kHz (ffmpeg adds a fact chunk: the parser reads it)",
    ["-ar", "44100", "-ac", "1", "-c:a", "pcm_f32le"],
    false,
  ],
  ["PCM with a LIST chunk before the data", ["-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le", "-metadata", "title=odd"], true],
  ["IMA ADPCM (compressed: the parser reads it)", ["-ar", "22050", "-ac", "1", "-c:a", "adpcm_ima_wav"], false],
])("%s", async (name, codec, fromHeaders) => {
  const path = join(folder, `${name.replace(/\W+/g, "-")}.wav`);
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=3.3", ...codec, path]);
  const bytes = new Uint8Array(await readFile(path));
  const { seconds, wholeReads } = await durationCountingReads(bytes);
  expect(seconds).toBe(await durationOf(bytes, "wav"));
  expect(seconds).toBeCloseTo(3.3, 1);
  expect(wholeReads).toBe(fromHeaders ? 0 : 1);
});

test.each([
  ["a data size past the file's end (cut to what the file holds)", { declared: 640_000, held: 320_000 }, true],
  [
    "an odd-sized chunk before the data (padded)",
    { chunks: [wavChunk("junk", Buffer.alloc(7, 2))], declared: 320_000, held: 320_000 },
    true,
  ],
  ["a data size that is not a whole number of blocks", { declared: 320_001, held: 320_001 }, true],
  ["a streamed WAV's placeholder data size (the parser reads it)", { declared: 0xffffffff, held: 32_000 }, false],
  [
    "a fact chunk (its sample count is the parser's answer)",
    { chunks: [wavChunk("fact", Buffer.from([0x80, 0x3e, 0, 0]))], declared: 320_000, held: 320_000 },
    false,
  ],
])("%s", async (_name, shape, fromHeaders) => {
  const bytes = handMadeWav(shape);
  const { seconds, wholeReads } = await durationCountingReads(bytes);
  expect(seconds).toBe(await durationOf(bytes, "wav"));
  expect(wholeReads).toBe(fromHeaders ? 0 : 1);
});

test("data headers past the first 4 KiB are left to the parser, which finds them", async () => {
  const bytes = handMadeWav({ chunks: [wavChunk("junk", Buffer.alloc(8_000, 3))], declared: 32_000, held: 32_000 });
  expect(await durationCountingReads(bytes)).toEqual({ seconds: 1, wholeReads: 1 });
});

test("the checks read a Blob's first bytes once for both the format and a WAV's duration, and never the whole Blob", async () => {
  const wav = handMadeWav({ declared: 16 * 32_000, held: 16 * 32_000 });
  const reads: Array<[number, number | undefined]> = [];
  class CountedBlob extends Blob {
    override slice(start?: number, end?: number, type?: string): Blob {
      reads.push([start ?? 0, end]);
      return super.slice(start, end, type);
    }
  }
  const source = new BlobSource(new CountedBlob([Buffer.from(wav)]), "voice.wav", undefined);
  const checked = await checkWhole(source, { purpose: "voice_clone", ...limitsFor("voice_clone"), signal: undefined });
  expect(checked.format).toBe("wav");
  expect(reads).toEqual([[0, wholeHeadBytes]]);
});
