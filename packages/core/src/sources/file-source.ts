/**
 * A file on disk, opened once: the FileHandle opened by the checks is the one the send reads, so
 * a small upload costs the filesystem an open, a stat, its reads and a close. Node's modules load
 * here, on first use, so the package imports nothing Node-only up front.
 * @module
 */
import type { FileHandle } from "node:fs/promises";
import type { Writable } from "node:stream";
import { InvalidInputError } from "../errors.js";
import { chunkBytes, giveBackChunk, takeChunk } from "./chunk-pool.js";
import { fileStream } from "./file-stream.js";
import { writeTaken } from "./node-writes.js";
import { SourceMeter } from "./source-meter.js";
import type { OpenedSource, SourceHead, SourceWriteOptions, WholeSource } from "./types.js";

/**
 * How many read buffers of {@link chunkBytes} (1 MiB) are in flight at once on Node's upload
 * path: one read while the socket takes the other. 1 MiB × 2 moved 20 MB at 0.92–1.37× curl's
 * speed where 256 KiB × 4 (half the memory) moved it at 0.59–0.78× (side by side, raw sink,
 * three runs of 30): each chunk costs a thread-pool read and a socket write, whatever its size.
 */
const bufferCount = 2;
/** How much of a file of `size` bytes each read takes (the first chunk included): up to a whole buffer. */
const firstChunkBytes = (size: number) => Math.max(1, Math.min(chunkBytes, size));

/**
 * Opens `path` after checking that it names a readable regular file: a missing or unreadable
 * path (EACCES) or a directory is refused with InvalidInputError naming the path and the reason.
 * With `keepOpen` the handle stays open for the send (the caller then owns {@link FileSource.close});
 * without it the file is opened again when it is read.
 */
type FsModules = [typeof import("node:fs/promises"), typeof import("node:fs")];
/** Loaded once, on the first file opened. */
let fsModules: Promise<FsModules> | undefined;
const loadFs = () => (fsModules ??= Promise.all([import("node:fs/promises"), import("node:fs")]));

export async function openFile(
  path: string,
  name: string | undefined,
  declaredType: string | undefined,
  options: { keepOpen?: boolean } = {},
): Promise<FileSource> {
  const [{ open }, { constants }] = await loadFs();
  const cannotRead = (error: NodeJS.ErrnoException): never => {
    throw new InvalidInputError("file", `cannot read ${path} (${error.code ?? error.message})`, "a readable file");
  };
  // Non-blocking, so that a FIFO is refused below instead of waiting for a writer; a permission
  // problem (EACCES) becomes a clear error here, not a failed read mid-upload.
  const flags = constants.O_NONBLOCK === undefined ? "r" : constants.O_RDONLY | constants.O_NONBLOCK;
  const handle = await open(path, flags).catch(cannotRead);
  try {
    const stats = await handle.stat().catch(cannotRead);
    if (!stats.isFile()) throw new InvalidInputError("file", `${path} is not a regular file`, "a readable file");
    const source = new FileSource(path, stats.size, name, declaredType, options.keepOpen ? handle : undefined);
    if (!options.keepOpen) await handle.close();
    return source;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A file on disk: replayable, and reopened for each retry, so that a retry reads the file as it is now. */
export class FileSource implements WholeSource {
  readonly replayable = true;
  readonly random = true;
  #handle: FileHandle | undefined;
  #blob: Promise<Blob> | undefined;
  /** The file's first chunk, read through the kept handle by the checks' first `head()` and sent as the body's first chunk. */
  #first: { buffer: Buffer; bytesRead: number } | undefined;
  /** The close of the handle the last send read through. */
  #closing: Promise<void> | undefined;

  constructor(
    readonly path: string,
    readonly size: number,
    readonly name: string | undefined,
    readonly declaredType: string | undefined,
    handle: FileHandle | undefined,
  ) {
    this.#handle = handle;
  }

  /** The file as a Blob (`fs.openAsBlob`), made on first use: only checks past the head need it. */
  async whole(): Promise<Blob> {
    this.#blob ??= loadFs().then(([, { openAsBlob }]) => openAsBlob(this.path));
    return this.#blob;
  }

  blob(): Promise<Blob> {
    return this.whole();
  }

  /**
   * The first `count` bytes. Through the kept handle, the first read takes a whole first chunk
   * of the body (up to 1 MiB), which the send then writes without reading it again: a small
   * file is read once, checks included.
   */
  async head(count: number): Promise<SourceHead> {
    if (this.#handle && !this.#first && count <= chunkBytes && this.size > 0) {
      const buffer = takeChunk();
      const { bytesRead } = await this.#handle.read(buffer, 0, firstChunkBytes(this.size), 0).catch((error: unknown) => {
        giveBackChunk(buffer);
        throw error;
      });
      this.#first = { buffer, bytesRead };
    }
    const first = this.#first;
    if (first && (count <= first.bytesRead || first.bytesRead === this.size)) {
      return { bytes: new Uint8Array(first.buffer.subarray(0, Math.min(count, first.bytesRead))), ended: count >= this.size };
    }
    const wanted = Math.min(count, this.size);
    const bytes = new Uint8Array(wanted);
    const read = async (handle: FileHandle) => (wanted > 0 ? (await handle.read(bytes, 0, wanted, 0)).bytesRead : 0);
    let bytesRead: number;
    if (this.#handle) bytesRead = await read(this.#handle);
    else {
      const handle = await this.#open();
      try {
        bytesRead = await read(handle);
      } finally {
        await handle.close();
      }
    }
    return { bytes: bytes.subarray(0, bytesRead), ended: count >= this.size };
  }

  /** Streams through a FileHandle in growing chunks (about twice as fast as `Blob.stream()`). */
  stream(): ReadableStream<Uint8Array> {
    return fileStream(this.path, this.size);
  }

  /**
   * Reads the file's first `size` bytes into a few reused buffers, each refilled only after the
   * request took its previous bytes: at most 2 × 1 MiB in memory, one buffer for a file up to 1 MiB.
   * Reads through the handle kept from the checks (closing it at the end), else opens the file.
   * A file that shrank or grew since it was opened fails with SourceError.
   */
  async writeTo(request: Writable, options: SourceWriteOptions): Promise<void> {
    const { size } = this;
    let first = this.#first;
    if (first && first.bytesRead === size && this.#handle) return this.#writeWhole(request, first.buffer, options);
    const handle = this.#handle ?? (await this.#open());
    this.#handle = undefined;
    this.#first = undefined;
    // Only as many as the file needs: a 100 KB upload takes one.
    const bufferBytes = firstChunkBytes(size);
    const buffers = Array.from({ length: Math.min(bufferCount, Math.ceil(size / bufferBytes)) || 1 }, (_, index) =>
      index === 0 && first ? first.buffer : takeChunk(),
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
        // The first chunk was read by the checks (`head`): sent as it is.
        const { bytesRead } = first ?? (await handle.read(buffer, 0, Math.min(bufferBytes, size - position), position));
        first = undefined;
        if (bytesRead === 0) meter.end(); // the file shrank: throws
        position = meter.count(bytesRead);
        const write = writeTaken(request, buffer.subarray(0, bytesRead)).then(() => {
          accepted += bytesRead;
          options.onBytes(accepted);
        });
        write.catch(() => {}); // awaited when the buffer comes round again; a failed write also fails the request
        taken[index] = write;
      }
      // Every byte is read and queued: the rest of the body can follow at once, and the handle
      // closes off the request's path (`close()` waits for it).
    } finally {
      this.#closing = handle.close().catch(() => {});
      // Each buffer goes back once its last write is done with it.
      void Promise.allSettled(taken).then(() => {
        for (const buffer of buffers) giveBackChunk(buffer);
      });
    }
  }

  /**
   * A file the checks read whole (up to 1 MiB): its one chunk written as it is, the handle
   * closed at once. Before the request has its connection, so the chunk leaves with the request's
   * head in one write.
   */
  #writeWhole(request: Writable, chunk: Buffer, options: SourceWriteOptions): void {
    const handle = this.#handle!;
    this.#handle = undefined;
    this.#first = undefined;
    this.#closing = handle.close().catch(() => {});
    if (request.destroyed) {
      giveBackChunk(chunk);
      return;
    }
    const { size } = this;
    writeTaken(request, chunk.subarray(0, size))
      .then(() => options.onBytes(size))
      .catch(() => {}) // a failed write also fails the request
      .finally(() => giveBackChunk(chunk));
  }

  async discard(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    // A first chunk the send never took (the checks refused, the call was aborted) goes back now.
    if (this.#first) giveBackChunk(this.#first.buffer);
    this.#first = undefined;
    await handle?.close();
    await this.#closing;
  }

  /** The file as it is now, opened again (its size read again). */
  reopen(): Promise<OpenedSource> {
    return openFile(this.path, this.name, this.declaredType);
  }

  async #open(): Promise<FileHandle> {
    const [{ open }] = await loadFs();
    return open(this.path, "r");
  }
}
