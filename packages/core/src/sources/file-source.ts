/**
 * A file on disk: the Blob from `fs.openAsBlob` for random access, a FileHandle for sending.
 * Node's modules load here, on first use, so the package imports nothing Node-only up front.
 * @module
 */
import type { Writable } from "node:stream";
import { InvalidInputError } from "../errors.js";
import { BlobSource } from "./blob-source.js";
import { fileStream } from "./file-stream.js";
import { writeTaken } from "./node-writes.js";
import { SourceMeter } from "./source-meter.js";
import type { OpenedSource, SourceWriteOptions } from "./types.js";

/** Read size on Node's upload path, and how many buffers of it are in flight at once. */
const chunkBytes = 256 * 1024;
const bufferCount = 4;

/**
 * Opens `path` after checking that it names a readable regular file: a missing or unreadable
 * path (EACCES) or a directory is refused with InvalidInputError naming the path and the reason.
 */
export async function openFile(path: string, name: string | undefined, declaredType: string | undefined): Promise<FileSource> {
  const { openAsBlob, promises: fs, constants } = await import("node:fs");
  const cannotRead = (error: NodeJS.ErrnoException): never => {
    throw new InvalidInputError("file", `cannot read ${path} (${error.code ?? error.message})`, "a readable file");
  };
  const stats = await fs.stat(path).catch(cannotRead);
  if (!stats.isFile()) throw new InvalidInputError("file", `${path} is not a regular file`, "a readable file");
  // A permission problem becomes a clear error here, not a failed read mid-upload.
  await fs.access(path, constants.R_OK).catch(cannotRead);
  return new FileSource(path, await openAsBlob(path), name, declaredType);
}

/** A file on disk: replayable, and reopened for each retry, so that a retry reads the file as it is now. */
export class FileSource extends BlobSource {
  constructor(
    readonly path: string,
    whole: Blob,
    name: string | undefined,
    declaredType: string | undefined,
  ) {
    super(whole, name, declaredType);
  }

  /** Streams through a FileHandle in growing chunks (about twice as fast as `Blob.stream()`). */
  override stream(): ReadableStream<Uint8Array> {
    return fileStream(this.path, this.size);
  }

  /**
   * Reads the file's first `size` bytes into a few reused buffers, each refilled only after the
   * request took its previous bytes: at most 4 × 256 KiB in memory, sized down for small files.
   * A file that shrank or grew since it was opened fails with SourceError.
   */
  override async writeTo(request: Writable, options: SourceWriteOptions): Promise<void> {
    const { open } = await import("node:fs/promises");
    const { size } = this;
    const handle = await open(this.path, "r");
    // Sized to the file: a 100 KB upload allocates 100 KB, not the whole set.
    const bufferBytes = Math.max(1, Math.min(chunkBytes, size));
    const buffers = Array.from({ length: Math.min(bufferCount, Math.ceil(size / bufferBytes)) || 1 }, () =>
      Buffer.allocUnsafe(bufferBytes),
    );
    const taken: Array<Promise<void>> = buffers.map(() => Promise.resolve());
    const meter = new SourceMeter(size, undefined, options.attempt);
    let position = 0;
    let accepted = 0;
    try {
      for (let index = 0; position < size; index = (index + 1) % buffers.length) {
        await taken[index];
        if (request.destroyed) return;
        const buffer = buffers[index]!;
        const { bytesRead } = await handle.read(buffer, 0, Math.min(bufferBytes, size - position), position);
        if (bytesRead === 0) meter.end(); // the file shrank: throws
        position = meter.count(bytesRead);
        const write = writeTaken(request, buffer.subarray(0, bytesRead)).then(() => {
          accepted += bytesRead;
          options.onBytes(accepted);
        });
        write.catch(() => {}); // awaited when the buffer comes round again, or below
        taken[index] = write;
      }
      await Promise.all(taken);
    } finally {
      await handle.close();
    }
  }

  override reopen(): Promise<OpenedSource> {
    return openFile(this.path, this.name, this.declaredType);
  }
}
