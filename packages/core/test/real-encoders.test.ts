/**
 * Class 5 of the hardening issue: never refuse valid audio. Files made by real encoders
 * (Debian's ffmpeg, lame and espeak-ng, installed by .ci/run) in every layout users have — CBR and
 * VBR MP3 with and without a Xing header, an ID3v2 tag with a large cover, M4A with `moov` first
 * and last, 16/24-bit and float WAV — are accepted just inside each duration limit and refused
 * just outside it, as paths and as one-shot streams.
 */
import { Readable } from "node:stream";
import {
  type EchoServer,
  type Encoding,
  encodeTone,
  encodings,
  lameEncode,
  makeWav,
  speakWords,
  startEchoServer,
} from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { AudioPreflightError } from "../src/errors.js";
import type { Purpose } from "../src/purpose.js";
import { canaryKey } from "./canary.js";

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(() => {
  echo.uploads.length = 0; // the files are large: keep none between tests
});

const client = () => new MiniMaxFiles({ apiKey: canaryKey("encoders"), baseURL: echo.url, maxRetries: 0 });

/** Just inside and just outside each limit (encoders add up to 0.1 s of padding). */
const cases: Array<{ purpose: Purpose; seconds: number; accepted: boolean }> = [
  { purpose: "voice_clone", seconds: 10.5, accepted: true },
  { purpose: "voice_clone", seconds: 9.5, accepted: false },
  { purpose: "voice_clone", seconds: 299.5, accepted: true },
  { purpose: "voice_clone", seconds: 300.5, accepted: false },
  { purpose: "prompt_audio", seconds: 7.5, accepted: true },
  { purpose: "prompt_audio", seconds: 8.5, accepted: false },
];

const rows = (Object.keys(encodings) as Encoding[]).flatMap((encoding) =>
  cases.map((c) => ({ encoding, ...c, verdict: c.accepted ? "accepted" : "refused" })),
);

/** A one-shot stream of `bytes` in 64 KiB chunks. */
const streamOf = (bytes: Uint8Array) =>
  Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) yield bytes.subarray(offset, offset + 64 * 1024);
    })(),
  );

describe("every layout, at every limit", () => {
  // AAC encodes slowly (6 s for 5 minutes at 16 kHz): M4A files are made at 8 kHz.
  test.concurrent.for(rows)(
    "$encoding of $seconds s for $purpose is $verdict (as a path's bytes and as a stream)",
    { timeout: 60_000 },
    async ({ encoding, purpose, seconds, accepted }) => {
      const audio = await encodeTone({ seconds, format: encoding, sampleRate: encoding.startsWith("m4a") ? 8_000 : 16_000 });
      for (const file of [audio, streamOf(audio)]) {
        const outcome = await client()
          .upload({ file, purpose })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        if (accepted) {
          expect(outcome).toBeUndefined();
        } else {
          expect(outcome).toBeInstanceOf(AudioPreflightError);
          expect(outcome).toMatchObject({ rule: "duration" });
          expect(Number.parseFloat((outcome as AudioPreflightError).found)).toBeCloseTo(seconds, 0);
        }
      }
    },
  );
});

describe("other encoders", () => {
  test("lame's own VBR with no Xing/Info tag (-t): the duration is counted from the frames", async () => {
    const mp3 = await lameEncode(makeWav({ seconds: 12 }), { xing: false });
    await expect(client().upload({ file: mp3 })).resolves.toMatchObject({ file_id: "362854771301234" });
    await expect(client().upload({ file: streamOf(mp3) })).resolves.toMatchObject({ file_id: "362854771301234" });
    const short = await lameEncode(makeWav({ seconds: 9 }), { xing: false });
    await expect(client().upload({ file: short })).rejects.toMatchObject({ rule: "duration" });
  });

  test("espeak-ng speech, as a person's recording would be", async () => {
    const speech = await speakWords(40);
    await expect(client().upload({ file: speech })).resolves.toMatchObject({ file_id: "362854771301234" });
    expect(echo.uploads[0]!.files[0]!.contentType).toBe("audio/wav");
  });
});
