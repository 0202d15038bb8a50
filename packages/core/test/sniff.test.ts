import { makeM4a, makeMp3, makeWav } from "@minimax-files/testkit";
import { describe, expect, test } from "vitest";
import { sniffAudioFormat } from "../src/audio/sniff.js";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe("sniffAudioFormat", () => {
  test.each([
    ["a WAV file", makeWav({ seconds: 1 }), "wav"],
    ["an MP3 behind an ID3 tag", makeMp3({ seconds: 1, id3Bytes: 100 }), "mp3"],
    ["an MP3 starting with a frame", makeMp3({ seconds: 1 }), "mp3"],
    ["an MPEG-2 Layer III frame", bytes(0xff, 0xf3, 0x90, 0xc0), "mp3"],
    ["an M4A file", makeM4a({ seconds: 1 }), "m4a"],
    ["RIFF that is not WAVE (AVI)", text("RIFF\0\0\0\0AVI LIST"), undefined],
    ["an MPEG Layer II frame", bytes(0xff, 0xfd, 0x90, 0xc0), undefined],
    ["an AAC ADTS frame", bytes(0xff, 0xf1, 0x50, 0x80), undefined],
    ["an Ogg file", text("OggS\0\x02\0\0\0\0\0\0"), undefined],
    ["an HTML page", text("<!doctype html>"), undefined],
    ["an empty file", new Uint8Array(0), undefined],
  ])("%s → %s", (_, head, want) => {
    expect(sniffAudioFormat(head)).toBe(want);
  });
});
