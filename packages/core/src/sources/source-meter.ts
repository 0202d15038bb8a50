import { AudioPreflightError, MiniMaxFilesError, SourceError } from "../errors.js";

/**
 * Counts a source's bytes as they are sent and says, with a typed error, when the source
 * misbehaves: past the pre-flight size limit (a one-shot stream of unknown size), past or short
 * of the size it declared (a file that grew or shrank), or failing to be read. The one home of
 * these rules for every way the body is written.
 */
export class SourceMeter {
  #total = 0;

  /**
   * @param expectedBytes the size the source declared, if any
   * @param maxBytes the size limit still to enforce as bytes pass, if any
   * @param attempt the attempt sending the bytes, carried by the errors
   */
  constructor(
    readonly expectedBytes: number | undefined,
    readonly maxBytes: number | undefined,
    readonly attempt = 0,
  ) {}

  /** Bytes counted so far. */
  get total(): number {
    return this.#total;
  }

  /** Counts a chunk; throws when it takes the source past a limit. Returns the new total. */
  count(length: number): number {
    this.#total += length;
    if (this.maxBytes !== undefined && this.#total > this.maxBytes) {
      throw AudioPreflightError.size(`more than ${this.maxBytes} bytes`, this.maxBytes, this.attempt);
    }
    if (this.expectedBytes !== undefined && this.#total > this.expectedBytes) {
      throw new SourceError(`the source grew past the ${this.expectedBytes} bytes it had when the upload began`, this.#progress(), {
        attempts: this.attempt,
      });
    }
    return this.#total;
  }

  /** The source says it has ended: throws when that is short of the size it declared. */
  end(): void {
    if (this.expectedBytes !== undefined && this.#total < this.expectedBytes) {
      throw new SourceError(
        `the source ended after ${this.#total} of the ${this.expectedBytes} bytes it had when the upload began (did the file shrink?)`,
        this.#progress(),
        { attempts: this.attempt },
      );
    }
  }

  /** The error for a source that could not be read (the cause as is when it is already ours). */
  failed(cause: unknown): MiniMaxFilesError {
    if (cause instanceof MiniMaxFilesError) return cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new SourceError(`reading the source failed after ${this.#total} bytes (${reason})`, this.#progress(), {
      cause,
      attempts: this.attempt,
    });
  }

  #progress() {
    return { bytesRead: this.#total, expectedBytes: this.expectedBytes };
  }
}
