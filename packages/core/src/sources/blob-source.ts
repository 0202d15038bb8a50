import type { Writable } from "node:stream";
import { writeWebStream } from "./node-writes.js";
import type { OpenedSource, SourceHead, SourceWriteOptions, WholeSource } from "./types.js";

/** A `Blob` or `File`: random access, replayable, size exact; read through `Blob.stream()`. */
export class BlobSource implements WholeSource {
  readonly replayable = true;
  readonly random = true;

  constructor(
    readonly bytes: Blob,
    readonly name: string | undefined,
    readonly declaredType: string | undefined,
  ) {}

  get size(): number {
    return this.bytes.size;
  }

  async whole(): Promise<Blob> {
    return this.bytes;
  }

  async head(count: number): Promise<SourceHead> {
    const bytes = new Uint8Array(await this.bytes.slice(0, count).arrayBuffer());
    return { bytes, ended: count >= this.bytes.size };
  }

  stream(): ReadableStream<Uint8Array> {
    return this.bytes.stream();
  }

  async blob(): Promise<Blob> {
    return this.bytes;
  }

  writeTo(request: Writable, options: SourceWriteOptions): Promise<void> {
    return writeWebStream(request, this.stream(), this.size, options);
  }

  async discard(): Promise<void> {}

  async close(): Promise<void> {}

  async reopen(): Promise<OpenedSource> {
    return this;
  }
}
