import { Readable } from "node:stream";
import { makeMp3, makeWav } from "@minimax-files/testkit";
import { expect, test } from "vitest";
import { inspectAudio } from "../src/audio/inspect.js";

test("a 12 s WAV: format, size, duration, and a verdict per purpose", async () => {
  const wav = makeWav({ seconds: 12 });
  const report = await inspectAudio(wav);
  expect(report).toMatchObject({ format: "wav", described: undefined, sizeBytes: wav.length, durationSeconds: 12 });
  expect(report.verdicts.voice_clone).toEqual({ ok: true });
  expect(report.verdicts.prompt_audio).toMatchObject({ ok: false, rule: "duration", found: "12 s", limit: "under 8 s for prompt_audio" });
});

test("a 5 s MP3 read from a one-shot stream: fit for prompt_audio only", async () => {
  const report = await inspectAudio(Readable.from([Buffer.from(makeMp3({ seconds: 5 }))]));
  expect(report.format).toBe("mp3");
  expect(report.durationSeconds).toBeCloseTo(5, 0);
  expect(report.verdicts).toMatchObject({ voice_clone: { ok: false, rule: "duration" }, prompt_audio: { ok: true } });
});

test("bytes that are no accepted format fail every purpose, saying what they are", async () => {
  const report = await inspectAudio(new TextEncoder().encode("<!doctype html><html>not audio</html>"));
  expect(report.format).toBeUndefined();
  expect(report.described).toMatch(/HTML/);
  expect(report.verdicts.voice_clone).toMatchObject({ ok: false, rule: "format" });
  expect(report.verdicts.prompt_audio).toMatchObject({ ok: false, rule: "format" });
});

test("limits override the defaults, as the client's preflight option does", async () => {
  const report = await inspectAudio(makeWav({ seconds: 12 }), { limits: { maxBytes: 1000 } });
  expect(report.verdicts.voice_clone).toMatchObject({ ok: false, rule: "size", limit: "at most 1000 bytes" });
});
