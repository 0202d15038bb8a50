import type { Writable } from "node:stream";
import { writeWebStream } from "./node-writes.js";
import type { OpenedSource, SourceHead, SourceWriteOptions, WholeSource } from "./types.js";

/** A `Blob` or `File`: random access, replayable, size exact; read through `Blob.stream()`. */
export class BlobSource implements WholeSource {
  readonly replayable = true;

  constructor(
    readonly whole: Blob,
    readonly name: string | undefined,
    readonly declaredType: string | undefined,
  ) {}

  get size(): number {
    return this.whole.size;
  }

  async head(count: number): Promise<SourceHead> {
    const bytes = new Uint8Array(await this.whole.slice(0, count).arrayBuffer());
    return { bytes, ended: count >= this.whole.size };
  }

  stream(): ReadableStream<Uint8Array> {
    return this.whole.stream();
  }

  async blob(): Promise<Blob> {
    return this.whole;
  }

  writeTo(request: Writable, options: SourceWriteOptions): Promise<void> {
    return writeWebStream(request, this.stream(), this.size, options);
  }

  async discard(): Promise<void> {}

  async reopen(): Promise<OpenedSource> {
    return this;
  }
}
