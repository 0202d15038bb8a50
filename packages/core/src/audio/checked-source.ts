/**
 * What the pre-flight checks hand to the upload: the source to send and what they learned about
 * it. Its own module so that the checks (`preflight.ts`) and the conversion they may load
 * (`check-converting.ts`) share it without importing each other.
 * @module
 */
import type { Purpose } from "../purpose.js";
import type { OpenedSource } from "../sources/types.js";
import type { DurationLimit } from "./limits.js";
import type { AudioFormat } from "./sniff.js";

/** A source ready to send, with what the checks learned about it. */
export interface CheckedSource {
  /** The source to send: the same stream for a one-shot stream checked on its head, a temporary file for one that had to be read whole. */
  source: OpenedSource;
  /** The format its first bytes show, if recognised. */
  format: AudioFormat | undefined;
  /** The size limit still to enforce as the bytes are sent (a one-shot stream of unknown size), if any. */
  maxBytes: number | undefined;
  /** Deletes what the checks wrote to disk, if anything; call it once the upload is over, however it ended. */
  release: () => Promise<void>;
  /** Set when the audio was converted (the `convert` or `trimTo` option): the format sent instead. */
  convertedTo?: AudioFormat | undefined;
}

/** The limits one check enforces. */
export interface Rules {
  purpose: Purpose;
  maxBytes: number;
  duration: DurationLimit;
  /** Stops reading a stream (the deadline of the checks, or the caller's abort). */
  signal: AbortSignal | undefined;
}
