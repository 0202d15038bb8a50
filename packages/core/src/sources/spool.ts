/**
 * Node only: writes a one-shot stream to a temporary file, so that checks needing the whole file
 * (a duration only its end declares) run without holding it in memory. Node's modules load on
 * first use, so the package imports nothing Node-only up front.
 * @module
 */
import { watchOf } from "../abort-watch.js";
import { cancelUnawaited, checkChunk, readerStoppedBy } from "./byte-stream.js";

/** A stream written to disk; `release()` deletes it and may be called more than once. */
export interface SpooledFile {
  path: string;
  size: number;
  release(): Promise<void>;
}

/**
 * Writes `stream` to a new file in the system's temporary folder, stopping (and deleting it)
 * as soon as it holds more than `maxBytes`, or when `signal` aborts (then it throws the signal's
 * reason). Deletes the file on every failure.
 */
export async function spoolToFile(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<SpooledFile | { exceeded: number }> {
  const [{ mkdtemp, open, rm }, { tmpdir }, { join }] = await Promise.all([
    import("node:fs/promises"),
    import("node:os"),
    import("node:path"),
  ]);
  const folder = await mkdtemp(join(tmpdir(), "minimax-files-"));
  const release = () => rm(folder, { recursive: true, force: true });
  const path = join(folder, "upload");
  const reader = readerStoppedBy(stream, signal && watchOf(signal));
  let size = 0;
  try {
    const handle = await open(path, "w");
    try {
      for (;;) {
        const { done, value } = await reader.read();
        signal?.throwIfAborted();
        if (done) break;
        const chunk = checkChunk(value);
        size += chunk.length;
        if (size > maxBytes) {
          cancelUnawaited(reader, "over the size limit");
          await release();
          return { exceeded: size };
        }
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    cancelUnawaited(reader, error);
    await release();
    throw error;
  }
  return { path, size, release };
}
