import type { Writable } from "node:stream";
import { streamOfBytes } from "./byte-stream.js";
import { writeWithBackpressure } from "./node-writes.js";
import type { OpenedSource, SourceHead, SourceWriteOptions, WholeSource } from "./types.js";

/** Write size for bytes already in memory (views, no copy). */
const memoryChunkBytes = 1024 * 1024;

/** Bytes in memory (`Uint8Array`, `Buffer`, `ArrayBuffer`, a short stream read whole): replayable, size exact. */
export class BytesSource implements WholeSource {
  readonly replayable = true;

  constructor(
    readonly bytes: Uint8Array,
    readonly name: string | undefined = undefined,
    readonly declaredType: string | undefined = undefined,
  ) {}

  get size(): number {
    return this.bytes.length;
  }

  readonly random = true;

  async whole(): Promise<Uint8Array> {
    return this.bytes;
  }

  async head(count: number): Promise<SourceHead> {
    return { bytes: this.bytes.subarray(0, count), ended: count >= this.bytes.length };
  }

  stream(): ReadableStream<Uint8Array> {
    return streamOfBytes(this.bytes);
  }

  async blob(): Promise<Blob> {
    return new Blob([this.bytes as Uint8Array<ArrayBuffer>]);
  }

  /** Writes 1 MiB views of the bytes, never copies. */
  async writeTo(request: Writable, options: SourceWriteOptions): Promise<void> {
    for (let offset = 0; offset < this.bytes.length && !request.destroyed; offset += memoryChunkBytes) {
      const view = this.bytes.subarray(offset, offset + memoryChunkBytes);
      await writeWithBackpressure(request, view);
      options.onBytes(offset + view.length);
    }
  }

  async discard(): Promise<void> {}

  async close(): Promise<void> {}

  async reopen(): Promise<OpenedSource> {
    return this;
  }
}
