import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What {@link encodeTone} makes with Debian's ffmpeg. */
export interface EncodeOptions {
  /** Length in seconds. */
  seconds: number;
  /**
   * `mp3` (libmp3lame, with its Xing/Info header), `m4a` (AAC; `moov` after `mdat`, as ffmpeg
   * writes it by default), `m4a-faststart` (`moov` first), `wav` (16-bit PCM).
   */
  format: "mp3" | "m4a" | "m4a-faststart" | "wav";
}

const formatArgs: Record<EncodeOptions["format"], { args: string[]; extension: string }> = {
  mp3: { args: ["-c:a", "libmp3lame", "-b:a", "64k"], extension: "mp3" },
  m4a: { args: ["-c:a", "aac", "-b:a", "64k"], extension: "m4a" },
  "m4a-faststart": { args: ["-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart"], extension: "m4a" },
  wav: { args: ["-c:a", "pcm_s16le"], extension: "wav" },
};

/**
 * Encodes a 440 Hz tone with a real encoder (`ffmpeg` on PATH; `.ci/run` installs it), so tests
 * see files as encoders write them, not only the hand-built fixtures.
 */
export async function encodeTone({ seconds, format }: EncodeOptions): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), "testkit-encode-"));
  try {
    const { args, extension } = formatArgs[format];
    const output = join(folder, `tone.${extension}`);
    await run("ffmpeg", ["-loglevel", "error", "-y", "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`, "-ac", "1", "-ar", "22050", ...args, output]);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
