import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startupBudgetMs } from "./startup-budgets.js";

const execFileAsync = promisify(execFile);
/** Runs an encoder, killed if it takes longer than its budget. */
const run = (command: string, args: readonly string[]) => execFileAsync(command, args, { timeout: startupBudgetMs.encoder });

/** The encodings {@link encodeTone} makes, each with a real encoder from Debian's packages. */
export const encodings = {
  /** ffmpeg's libmp3lame at 64 kbit/s, with its Xing/Info header. */
  "mp3-cbr": { extension: "mp3", args: ["-c:a", "libmp3lame", "-b:a", "64k"] },
  /** libmp3lame VBR (quality 4), with a Xing header. */
  "mp3-vbr": { extension: "mp3", args: ["-c:a", "libmp3lame", "-q:a", "4"] },
  /** libmp3lame VBR without a Xing header: the duration is nowhere in the headers. */
  "mp3-vbr-no-xing": { extension: "mp3", args: ["-c:a", "libmp3lame", "-q:a", "4", "-write_xing", "0"] },
  /** libmp3lame CBR without a Xing header. */
  "mp3-cbr-no-xing": { extension: "mp3", args: ["-c:a", "libmp3lame", "-b:a", "64k", "-write_xing", "0"] },
  /** libmp3lame CBR behind an ID3v2 tag holding a large (about 1.4 MB) cover image. */
  "mp3-cover": { extension: "mp3", args: ["-c:a", "libmp3lame", "-b:a", "64k"], cover: true },
  /** AAC in M4A with `moov` after `mdat`, as ffmpeg writes it by default. */
  "m4a-moov-last": { extension: "m4a", args: ["-c:a", "aac", "-b:a", "64k"] },
  /** AAC in M4A with `moov` first (`-movflags +faststart`). */
  "m4a-moov-first": { extension: "m4a", args: ["-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart"] },
  /** 16-bit PCM WAV. */
  "wav-s16": { extension: "wav", args: ["-c:a", "pcm_s16le"] },
  /** 24-bit PCM WAV. */
  "wav-s24": { extension: "wav", args: ["-c:a", "pcm_s24le"] },
  /** 32-bit float WAV. */
  "wav-f32": { extension: "wav", args: ["-c:a", "pcm_f32le"] },
} as const satisfies Record<string, { extension: string; args: readonly string[]; cover?: boolean }>;

/** Formats MiniMax does not take, which people have (browser recordings, phones, editors). */
export const otherEncodings = {
  flac: { extension: "flac", args: ["-c:a", "flac"] },
  "ogg-vorbis": { extension: "ogg", args: ["-c:a", "libvorbis", "-q:a", "3"] },
  "ogg-opus": { extension: "opus", args: ["-c:a", "libopus", "-b:a", "32k"] },
  "webm-opus": { extension: "webm", args: ["-c:a", "libopus", "-b:a", "32k"] },
} as const satisfies Record<string, { extension: string; args: readonly string[] }>;

/** One of {@link encodings} (accepted by MiniMax). */
export type Encoding = keyof typeof encodings;
/** One of {@link otherEncodings}. */
export type OtherEncoding = keyof typeof otherEncodings;

/** What {@link encodeTone} makes with Debian's ffmpeg. */
export interface EncodeOptions {
  /** Length in seconds. */
  seconds: number;
  /**
   * An encoding of {@link encodings}; `mp3`, `m4a`, `m4a-faststart` and `wav` are short for `mp3-cbr`, `m4a-moov-last`, `m4a-moov-first`
   * and `wav-s16`.
   */
  format: Encoding | OtherEncoding | "mp3" | "m4a" | "m4a-faststart" | "wav";
  /** Sample rate in Hz. Defaults to 22050. */
  sampleRate?: number;
}

const shortNames = { mp3: "mp3-cbr", m4a: "m4a-moov-last", "m4a-faststart": "m4a-moov-first", wav: "wav-s16" } as const;

/**
 * Encodes a 440 Hz tone with a real encoder (`ffmpeg` on PATH; `.ci/run` installs it), so tests
 * see files as encoders write them, not only the hand-built fixtures.
 */
export async function encodeTone(options: EncodeOptions): Promise<Uint8Array> {
  return cached(["tone", options.format, options.seconds, options.sampleRate ?? 22_050], () => encodeToneNow(options));
}

/**
 * Where encoded fixtures are kept between test runs of one checkout (the suites run once per
 * Node version in CI): an encoding depends only on its arguments and the installed encoders.
 */
const cacheFolder = fileURLToPath(new URL("../node_modules/.cache/encoded-fixtures/", import.meta.url));

async function cached(key: unknown[], make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const path = join(cacheFolder, createHash("sha256").update(JSON.stringify(key)).digest("hex"));
  const hit = await readFile(path).catch(() => undefined);
  if (hit) return new Uint8Array(hit);
  const bytes = await make();
  await mkdir(cacheFolder, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, path); // whole or absent, even with test files writing at once
  return bytes;
}

async function encodeToneNow({ seconds, format, sampleRate = 22_050 }: EncodeOptions): Promise<Uint8Array> {
  const name = format in shortNames ? shortNames[format as keyof typeof shortNames] : format;
  const encoding: { extension: string; args: readonly string[]; cover?: boolean } =
    name in encodings ? encodings[name as Encoding] : otherEncodings[name as OtherEncoding];
  const folder = await mkdtemp(join(tmpdir(), "testkit-encode-"));
  try {
    const output = join(folder, `tone.${encoding.extension}`);
    const tone = ["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=${sampleRate}:duration=${seconds}`];
    let cover: string[] = [];
    if (encoding.cover) {
      const image = join(folder, "cover.jpg"); // noise, so the JPEG stays about 1.4 MB
      await run("ffmpeg", [
        "-loglevel",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "nullsrc=s=1400x1400,geq=random(1)*255:128:128",
        "-frames:v",
        "1",
        "-q:v",
        "1",
        image,
      ]);
      cover = ["-i", image, "-map", "0:a", "-map", "1:v", "-c:v", "copy", "-disposition:v", "attached_pic", "-id3v2_version", "3"];
    }
    const rate = encoding.args.includes("libopus") ? ["-ar", "48000"] : []; // Opus runs at 48 kHz
    await run("ffmpeg", ["-loglevel", "error", "-y", ...tone, ...cover, "-ac", "1", ...rate, ...encoding.args, output]);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Speech from espeak-ng (a WAV of about `words` words read aloud), for a clip a person would record. */
export function speakWords(words: number): Promise<Uint8Array> {
  return cached(["speak", words], () => speakWordsNow(words));
}

async function speakWordsNow(words: number): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), "testkit-speak-"));
  try {
    const output = join(folder, "speech.wav");
    const text = Array.from({ length: words }, (_, i) => ["voice", "clone", "sample", "reading", "aloud"][i % 5]).join(" ");
    await run("espeak-ng", ["-w", output, text]);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Encodes a WAV as MP3 with the `lame` command itself (`-t`: no Xing/Info tag, as some tools write). */
export function lameEncode(wav: Uint8Array, { xing = true }: { xing?: boolean } = {}): Promise<Uint8Array> {
  return cached(["lame", createHash("sha256").update(wav).digest("hex"), xing], () => lameEncodeNow(wav, xing));
}

async function lameEncodeNow(wav: Uint8Array, xing: boolean): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), "testkit-lame-"));
  try {
    const { writeFile } = await import("node:fs/promises");
    const input = join(folder, "in.wav");
    const output = join(folder, "out.mp3");
    await writeFile(input, wav);
    await run("lame", ["--quiet", "-V", "5", ...(xing ? [] : ["-t"]), input, output]);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
