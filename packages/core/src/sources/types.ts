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
export type UploadSource =
  | string
  | URL
  | Blob
  | Uint8Array
  | ArrayBuffer
  | NodeReadableLike
  | ReadableStream<Uint8Array>
  | Response;

interface OpenedCommon {
  /** Name the source carries (path basename, `File.name`, URL segment), if any. */
  name: string | undefined;
  /** Content type the source declares (`Blob.type`, `Content-Type`), if any. */
  declaredType: string | undefined;
}

/** A source opened for reading, in one of three shapes. */
export type OpenedSource =
  /** Random access, size known (paths, Blobs, Files); `read` streams it faster where it can; `path` is set for files on disk. */
  | (OpenedCommon & { kind: "blob"; blob: Blob; read?: (() => ReadableStream<Uint8Array>) | undefined; path?: string | undefined })
  /** In memory, size known. */
  | (OpenedCommon & { kind: "bytes"; bytes: Uint8Array })
  /** Read once, front to back; size known only when declared. */
  | (OpenedCommon & { kind: "stream"; stream: ReadableStream<Uint8Array>; size: number | undefined })
  /** A Node Readable, read once, kept Node-native for Node's upload path; size unknown. */
  | (OpenedCommon & { kind: "node-stream"; readable: import("node:stream").Readable });
