import type { Writable } from "node:stream";
import type { AbortWatch } from "../abort-watch.js";

/**
 * A Node.js `Readable` (e.g. `fs.createReadStream`), described structurally so that the
 * package's types do not require Node's.
 */
export interface NodeReadableLike {
  pipe(...args: never[]): unknown;
  on(...args: never[]): unknown;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
  /** `fs.ReadStream`'s path, used for the filename. */
  path?: string | { toString(): string };
}

/**
 * What `upload()` accepts as `file`:
 * - a filesystem path (`string`) or a `file:` `URL` (Node only): read lazily, re-readable;
 * - a `Blob` or `File` (a `File`'s name becomes the filename);
 * - bytes: `Uint8Array` (including Node's `Buffer`) or `ArrayBuffer`;
 * - a one-shot stream: a Node `Readable`, a web `ReadableStream<Uint8Array>`, or a fetch
 *   `Response` (its URL's last segment becomes the filename, its `Content-Type` the part's type).
 */
export type UploadSource = string | URL | Blob | Uint8Array | ArrayBuffer | NodeReadableLike | ReadableStream<Uint8Array> | Response;

/** The first bytes of a source. */
export interface SourceHead {
  /** Up to the bytes asked for; fewer only when the source is shorter. */
  bytes: Uint8Array;
  /** Whether `bytes` is the whole source. */
  ended: boolean;
}

/** How the bytes are written on Node's upload path. */
export interface SourceWriteOptions {
  /** The size limit still to enforce as bytes pass (a one-shot stream of unknown size), if any. */
  maxBytes: number | undefined;
  /** Called with the file bytes the request has taken so far. */
  onBytes: (total: number) => void;
  /** The attempt sending the bytes (1 for the first), carried by the errors it ends with. */
  attempt: number;
}

/**
 * An upload source opened for reading: one implementation per kind under `sources/`, so that
 * the rest of core (checks, transports, retries) never asks which kind it holds.
 */
export interface OpenedSource {
  /** Name the source carries (path basename, `File.name`, URL segment), if any. */
  readonly name: string | undefined;
  /** Content type the source declares (`Blob.type`, `Content-Type`), if any. */
  readonly declaredType: string | undefined;
  /**
   * The size in bytes when known before sending: exact for a replayable source, as declared for
   * a one-shot stream (which is then checked as its bytes pass).
   */
  readonly size: number | undefined;
  /** Whether the bytes can be sent again (a retry); false for one-shot streams. */
  readonly replayable: boolean;
  /** Whether the bytes can be read with random access (see {@link WholeSource}); false for one-shot streams. */
  readonly random: boolean;
  /**
   * Reads the first `count` bytes (fewer at the end). A one-shot stream keeps them, so that its
   * body still starts at its first byte. Stops with `stop`'s reason when it aborts (watched, so
   * that no `AbortSignal` is made for it).
   */
  head(count: number, stop?: AbortWatch): Promise<SourceHead>;
  /** The bytes as a web stream (a caller's `fetch`, a temporary file); a one-shot source can be read this way once. */
  stream(): ReadableStream<Uint8Array>;
  /** The bytes as a Blob (browsers' upload path). */
  blob(): Promise<Blob>;
  /**
   * Writes the bytes to a Node request body with backpressure (Node's upload path), each kind
   * the fastest way it can; stops when the request is destroyed.
   * @throws SourceError, AudioPreflightError when the source fails, changes size or passes `maxBytes`.
   */
  writeTo(request: Writable, options: SourceWriteOptions): Promise<void>;
  /** Stops a one-shot source that will not be read further (nothing to do for the others). */
  discard(reason: unknown): Promise<void>;
  /** The source for another attempt: a file on disk is reopened (a retry reads it as it is now); others are themselves. */
  reopen(): Promise<OpenedSource>;
  /** Closes what the source holds open (a file's handle, kept from the checks to the send); safe to call more than once. */
  close(): Promise<void>;
}

/** A source with random access and a known size (a path, a Blob, bytes). */
export interface WholeSource extends OpenedSource {
  readonly random: true;
  readonly size: number;
  /** The whole audio with random access, for checks that read past the head. */
  whole(): Promise<Blob | Uint8Array>;
}

/** Whether the source can be read with random access. */
export const isWhole = (source: OpenedSource): source is WholeSource => source.random;
