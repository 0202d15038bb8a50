import { InvalidInputError } from "../errors.js";
import { describeValue } from "../validate.js";
import { BlobSource } from "./blob-source.js";
import { BytesSource } from "./bytes-source.js";
import { openPath } from "./file-path.js";
import type { NodeReadableLike, OpenedSource, UploadSource } from "./types.js";
import { WebStreamSource } from "./web-stream-source.js";

const expectedSource =
  "a file path, a file: URL, a Blob or File, a Uint8Array/Buffer, an ArrayBuffer, a Node Readable, a ReadableStream or a Response";

/**
 * Opens any {@link UploadSource} for reading.
 * @throws InvalidInputError when the source is of no accepted kind, is not readable, or was already read.
 */
export async function openSource(source: UploadSource): Promise<OpenedSource> {
  if (typeof source === "string" || source instanceof URL) return openPath(source);
  if (typeof File !== "undefined" && source instanceof File)
    return new BlobSource(source, source.name || undefined, source.type || undefined);
  if (source instanceof Blob) return new BlobSource(source, undefined, source.type || undefined);
  if (source instanceof Uint8Array) return new BytesSource(source);
  if (source instanceof ArrayBuffer) return new BytesSource(new Uint8Array(source));
  if (source instanceof ReadableStream) return openStream(source, undefined, undefined, undefined);
  if (isNodeReadable(source)) return openNodeReadable(source);
  // Last: naming the global `Response` loads undici in Node, which no other source needs.
  if (source instanceof Response) return openResponse(source);
  throw new InvalidInputError("file", `got ${describeValue(source)}`, expectedSource);
}

function openStream(
  stream: ReadableStream<Uint8Array>,
  name: string | undefined,
  declaredType: string | undefined,
  size: number | undefined,
): OpenedSource {
  if (stream.locked) throw new InvalidInputError("file", "the stream is already being read", "an unread stream");
  return new WebStreamSource(stream, name, declaredType, size);
}

function openResponse(response: Response): OpenedSource {
  if (!response.ok) {
    throw new InvalidInputError("file", `the Response has HTTP status ${response.status}`, "a successful (2xx) Response");
  }
  if (!response.body || response.bodyUsed) {
    throw new InvalidInputError("file", "the Response has no unread body", "a Response whose body was not read");
  }
  const declaredType = response.headers.get("content-type")?.split(";")[0]?.trim() || undefined;
  const length = Number(response.headers.get("content-length") ?? Number.NaN);
  return openStream(response.body, lastPathSegment(response.url), declaredType, Number.isSafeInteger(length) ? length : undefined);
}

function lastPathSegment(url: string): string | undefined {
  if (!url) return undefined;
  try {
    const segment = new URL(url).pathname.split("/").pop();
    return segment ? decodeURIComponent(segment) : undefined;
  } catch {
    return undefined;
  }
}

function isNodeReadable(value: unknown): value is NodeReadableLike {
  const candidate = value as Partial<NodeReadableLike> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.pipe === "function" &&
    typeof candidate.on === "function" &&
    typeof candidate[Symbol.asyncIterator] === "function"
  );
}

/** The modules a Node stream needs, loaded once: each `import()` costs a few µs of CPU even once it is loaded. */
let nodeStreamModules: Promise<[typeof import("node:path"), typeof import("./node-stream-source.js")]> | undefined;

async function openNodeReadable(readable: NodeReadableLike): Promise<OpenedSource> {
  nodeStreamModules ??= Promise.all([import("node:path"), import("./node-stream-source.js")]);
  const [{ basename }, { NodeStreamSource }] = await nodeStreamModules;
  const nodeReadable = readable as unknown as import("node:stream").Readable;
  if (nodeReadable.readableEnded || nodeReadable.destroyed) {
    throw new InvalidInputError("file", "the Readable has already ended", "an unread stream");
  }
  return new NodeStreamSource(readable, readable.path === undefined ? undefined : basename(String(readable.path)));
}
