/**
 * Writes into an open file on libuv's threads, in order, one `writev` at a time: each takes every
 * chunk queued since the last one started, so a fast source makes a few large writes, not one per
 * chunk. Shared by the download writers (`write-content.ts`, `write-socket-body.ts`).
 * @module
 */

type Writev = typeof import("node:fs").writev;

/** One file's queue of writes; its owner pushes chunks and hears, after each write, that none is in flight. */
export class DiskWrites {
  /** Bytes in the file so far (from the position the queue started at). */
  written: number;
  /** Chunks waiting for the next write, and their bytes. */
  #waiting: Uint8Array[] = [];
  waitingBytes = 0;
  /** Whether a write is in flight. */
  writing = false;
  #stopped = false;

  /**
   * @param writev `fs.writev` (loaded by the caller, which imports nothing Node-only up front)
   * @param fd the open file
   * @param start the position to write at (what is in the file already)
   * @param onIdle called when a write ended and none is in flight: with the disk's error, or
   *   without one once every chunk pushed so far is written or the queue was stopped
   */
  constructor(
    readonly writev: Writev,
    readonly fd: number,
    start: number,
    readonly onIdle: (error?: Error) => void,
  ) {
    this.written = start;
  }

  /** Queues `chunks` (written as they are: they must not change until written) and writes them when no write is in flight. */
  push(...chunks: Uint8Array[]): void {
    if (this.#stopped) return;
    for (const chunk of chunks) {
      this.#waiting.push(chunk);
      this.waitingBytes += chunk.length;
    }
    this.#next();
  }

  /** Drops what waits and writes nothing more; a write in flight still ends (and reports). */
  stop(): void {
    this.#stopped = true;
    this.#waiting = [];
    this.waitingBytes = 0;
  }

  #next(): void {
    if (this.writing || this.#stopped || this.waitingBytes === 0) return;
    const chunks = this.#waiting;
    const bytes = this.waitingBytes;
    this.#waiting = [];
    this.waitingBytes = 0;
    this.#write(chunks, bytes);
  }

  /** Writes `chunks` at `written`; a short write (libuv's stops at an error past its first bytes) writes the rest. */
  #write(chunks: Uint8Array[], bytes: number): void {
    this.writing = true;
    this.writev(this.fd, chunks as NodeJS.ArrayBufferView[], this.written, (error, count) => {
      this.writing = false;
      if (error) return this.onIdle(error);
      this.written += count;
      if (count < bytes) {
        if (count === 0) return this.onIdle(new Error(`the disk took none of the ${bytes} bytes written`));
        return this.#write(chunksPast(count, chunks), bytes - count);
      }
      this.#next();
      if (!this.writing) this.onIdle();
    });
  }
}

/** What is left of `chunks` past their first `count` bytes (fewer than they hold): what a short write did not write. */
export function chunksPast(count: number, chunks: Uint8Array[]): Uint8Array[] {
  let skip = count;
  for (const [index, chunk] of chunks.entries()) {
    if (skip < chunk.length) return [skip === 0 ? chunk : chunk.subarray(skip), ...chunks.slice(index + 1)];
    skip -= chunk.length;
  }
  return [];
}
