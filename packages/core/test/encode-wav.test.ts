import { expect, test } from "vitest";
import { inspectAudio } from "../src/audio/inspect.js";
import { encodeWav } from "../src/audio/to-wav.js";

test("encodeWav writes 16-bit PCM WAV whose header gives the duration; samples are clipped and interleaved", async () => {
  const rate = 16_000;
  const left = Float32Array.from({ length: rate * 12 }, (_, i) => Math.sin(i / 10));
  const right = Float32Array.from({ length: rate * 12 }, () => 2); // past full scale: clipped
  const wav = encodeWav([left, right], rate);
  expect(wav.length).toBe(44 + rate * 12 * 2 * 2);
  const report = await inspectAudio(wav);
  expect(report).toMatchObject({ format: "wav", durationSeconds: 12 });
  const view = new DataView(wav.buffer);
  expect([view.getUint16(22, true), view.getUint32(24, true), view.getUint16(34, true)]).toEqual([2, rate, 16]);
  expect(view.getInt16(44 + 2, true)).toBe(0x7fff); // the first right sample, clipped to full scale
  expect(view.getInt16(44 + 4, true)).toBe(Math.trunc(Math.fround(Math.sin(1 / 10)) * 0x7fff)); // the second left sample
});
