import type { Hash } from "node:crypto";
import { Readable } from "node:stream";

/**
 * The file part as the route reads it: busboy's file stream passed on chunk by chunk, hashed as
 * it passes when asked, and ended only by {@link FilePartStream.finish} (once the whole body was
 * read and found well-formed), never by the part's own end. A Readable fed from the part's
 * `data` events, where a Transform piped from it cost a Writable's work more per chunk.
 */
export class FilePartStream extends Readable {
  readonly #part: Readable;
  readonly #hash: Hash | undefined;
  #fingerprint: string | undefined;
  #finished = false;

  constructor(part: Readable, hash: Hash | undefined) {
    super();
    this.#part = part;
    this.#hash = hash;
    part.on("data", (chunk: Buffer) => {
      this.#hash?.update(chunk);
      if (!this.push(chunk)) part.pause();
    });
  }

  override _read(): void {
    this.#part.resume();
  }

  /** Ends the stream after what it holds; the fingerprint is taken now. */
  finish(): void {
    if (this.#finished || this.destroyed) return;
    this.#finished = true;
    this.#fingerprint = this.#hash?.digest("hex");
    this.push(null);
  }

  /** Whether {@link finish} ended it. */
  get finished(): boolean {
    return this.#finished;
  }

  /** SHA-256 (hex) of what was hashed, once finished; undefined when nothing was hashed. */
  get fingerprint(): string | undefined {
    return this.#fingerprint;
  }
}
