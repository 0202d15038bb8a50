/**
 * A WAV's duration from its first 64 KiB agrees with music-metadata's reading of the whole file,
 * for the WAVs ffmpeg writes (PCM, float, stereo, a LIST chunk before the data); a compressed WAV
 * still gets the parser's answer.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseBuffer } from "music-metadata";
import { afterAll, beforeAll, expect, test } from "vitest";
import { durationFromHead, headBytes } from "../src/audio/head-duration.js";
import { handMadeWav } from "./hand-made-wav.js";

const run = promisify(execFile);
let folder = "";
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "head-duration-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

test.each([
  ["16-bit PCM, mono, 16 kHz", ["-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le"]],
  ["24-bit PCM, stereo, 48 kHz", ["-ar", "48000", "-ac", "2", "-c:a", "pcm_s24le"]],
  ["32-bit float, mono, 44.1 kHz", ["-ar", "44100", "-ac", "1", "-c:a", "pcm_f32le"]],
  ["IMA ADPCM (compressed: the parser's answer)", ["-ar", "22050", "-ac", "1", "-c:a", "adpcm_ima_wav"]],
])("%s", async (name, codec) => {
  const path = join(folder, `${name.replace(/\W+/g, "-")}.wav`);
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=3.3", ...codec, path]);
  const whole = await readFile(path);
  const expected = (await parseBuffer(whole, { mimeType: "audio/wav", size: whole.length }, { duration: true })).format.duration;
  const fromHead = await durationFromHead(whole.subarray(0, headBytes), "wav", whole.length);
  expect(fromHead).toBeCloseTo(expected!, 2);
  expect(fromHead).toBeCloseTo(3.3, 1);
});

test("a WAV whose data size is a placeholder (streamed) is left to the parser, not read as 4 GB", async () => {
  const head = handMadeWav({ declared: 0xffffffff, held: 32_000 });
  const seconds = await durationFromHead(head, "wav", undefined);
  expect(seconds === undefined || seconds < 10).toBe(true);
});
