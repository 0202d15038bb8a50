/**
 * Opt-in conversion (Node only): audio MiniMax does not take (FLAC, Ogg/Vorbis, Ogg/Opus,
 * WebM/Opus, anything ffmpeg decodes) becomes 16-bit PCM WAV, or MP3 when the WAV would pass the
 * size limit; a clip longer than `trimTo` seconds is cut to it. A real decoder does the work: a
 * system `ffmpeg` (PATH or `FFMPEG_PATH`), else the optional `@ffmpeg-installer/ffmpeg` package.
 * Everything goes through temporary files (bounded memory; ffmpeg needs to seek in MP4s), deleted
 * however the upload ends.
 * @module
 */
import { InvalidInputError } from "../errors.js";

/** What the caller asked for. */
export interface ConvertSettings {
  /** Convert audio in a format MiniMax does not take. */
  convert: boolean;
  /** Cut a clip longer than this many seconds to it. */
  trimToSeconds: number | undefined;
  /** The ffmpeg binary; found on PATH (or `FFMPEG_PATH`, or the optional package) when unset. */
  ffmpegPath: string | undefined;
}

/** A converted file on disk; `release()` deletes it. */
export interface Converted {
  path: string;
  extension: "wav" | "mp3";
  release(): Promise<void>;
}

let found: Promise<string> | undefined;

/**
 * The ffmpeg to run: `explicit`, else `FFMPEG_PATH`, else `ffmpeg` on PATH, else the optional
 * `@ffmpeg-installer/ffmpeg` package's binary.
 * @throws InvalidInputError when none runs.
 */
export function findFfmpeg(explicit?: string): Promise<string> {
  if (explicit) return runs(explicit).then((ok) => (ok ? explicit : Promise.reject(noFfmpeg(`${explicit} does not run`))));
  found ??= (async () => {
    const candidates = [process.env["FFMPEG_PATH"], "ffmpeg"].filter((candidate): candidate is string => Boolean(candidate));
    for (const candidate of candidates) if (await runs(candidate)) return candidate;
    try {
      // An optional dependency: absent unless the app installed it.
      const packaged = (await import(/* @vite-ignore */ "@ffmpeg-installer/ffmpeg" as string)) as {
        path?: string;
        default?: { path?: string };
      };
      const path = packaged.path ?? packaged.default?.path;
      if (path && (await runs(path))) return path;
    } catch {
      // not installed
    }
    throw noFfmpeg("none was found");
  })();
  found.catch(() => (found = undefined));
  return found;
}

function noFfmpeg(why: string): InvalidInputError {
  return new InvalidInputError(
    "convert",
    `converting audio needs ffmpeg, and ${why}`,
    "ffmpeg on PATH (Debian: apt-get install ffmpeg), FFMPEG_PATH, or the optional package @ffmpeg-installer/ffmpeg",
  );
}

async function runs(binary: string): Promise<boolean> {
  const { execFile } = await import("node:child_process");
  return new Promise((resolve) => execFile(binary, ["-hide_banner", "-version"], { timeout: 10_000 }, (error) => resolve(!error)));
}

/**
 * Decodes `inputPath` with ffmpeg into a new temporary WAV (16-bit PCM), cut to `trimToSeconds`
 * when given; when that WAV is larger than `maxBytes`, into an MP3 instead (VBR, about 190 kb/s).
 * Stops ffmpeg at once when `signal` aborts.
 * @throws InvalidInputError when ffmpeg cannot decode the input.
 */
export async function transcode(
  inputPath: string,
  options: { ffmpeg: string; trimToSeconds: number | undefined; maxBytes: number; signal: AbortSignal | undefined },
): Promise<Converted> {
  const [{ mkdtemp, rm, stat }, { tmpdir }, { join }] = await Promise.all([
    import("node:fs/promises"),
    import("node:os"),
    import("node:path"),
  ]);
  const folder = await mkdtemp(join(tmpdir(), "minimax-files-"));
  const release = () => rm(folder, { recursive: true, force: true });
  try {
    const trim = options.trimToSeconds === undefined ? [] : ["-t", String(options.trimToSeconds)];
    const wav = join(folder, "converted.wav");
    await ffmpeg(
      options.ffmpeg,
      ["-i", inputPath, ...trim, "-vn", "-map_metadata", "-1", "-fflags", "+bitexact", "-c:a", "pcm_s16le", wav],
      options.signal,
    );
    if ((await stat(wav)).size <= options.maxBytes) return { path: wav, extension: "wav", release };
    const mp3 = join(folder, "converted.mp3");
    await ffmpeg(
      options.ffmpeg,
      ["-i", inputPath, ...trim, "-vn", "-map_metadata", "-1", "-c:a", "libmp3lame", "-q:a", "2", mp3],
      options.signal,
    );
    await rm(wav, { force: true });
    return { path: mp3, extension: "mp3", release };
  } catch (error) {
    await release();
    throw error;
  }
}

async function ffmpeg(binary: string, args: string[], signal: AbortSignal | undefined): Promise<void> {
  const { spawn } = await import("node:child_process");
  signal?.throwIfAborted();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const onAbort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    child.once("error", (error) => reject(noFfmpeg(`it could not be started (${error.message})`)));
    child.once("close", (code) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(signal.reason);
      if (code === 0) return resolve();
      const reason = stderr.trim().split("\n").pop() ?? `exit code ${code}`;
      reject(new InvalidInputError("file", `ffmpeg could not decode it (${reason})`, "audio ffmpeg can decode"));
    });
  });
}
