import type { Writable } from "node:stream";
import type { AbortWatch } from "../abort-watch.js";
import { cancelUnawaited, peekStream } from "./byte-stream.js";
import { writeWebStream } from "./node-writes.js";
import type { OpenedSource, SourceHead, SourceWriteOptions } from "./types.js";

/** A web `ReadableStream` (or a `Response`'s body): read once, front to back; its size only as declared. */
export class WebStreamSource implements OpenedSource {
  readonly replayable = false;
  readonly random = false;
  #stream: ReadableStream<Uint8Array>;

  constructor(
    stream: ReadableStream<Uint8Array>,
    readonly name: string | undefined,
    readonly declaredType: string | undefined,
    readonly size: number | undefined,
  ) {
    this.#stream = stream;
  }

  async head(count: number, stop?: AbortWatch): Promise<SourceHead> {
    const peeked = await peekStream(this.#stream, count, stop);
    this.#stream = peeked.stream;
    return { bytes: peeked.head, ended: peeked.ended };
  }

  stream(): ReadableStream<Uint8Array> {
    return this.#stream;
  }

  blob(): Promise<Blob> {
    return new Response(this.#stream).blob();
  }

  writeTo(request: Writable, options: SourceWriteOptions): Promise<void> {
    return writeWebStream(request, this.#stream, this.size, options);
  }

  /** Cancels the stream without waiting for its source's `cancel()`, which may never settle. */
  async discard(reason: unknown): Promise<void> {
    cancelUnawaited(this.#stream, reason);
  }

  async reopen(): Promise<OpenedSource> {
    return this;
  }

  /** Nothing held: the stream is the caller's (see `discard`). */
  async close(): Promise<void> {}
}
