import type { CheckedSource } from "./audio/preflight.js";
import type { MultipartFile } from "./multipart.js";
import { multipartFrame } from "./multipart.js";
import type { ProgressReporter } from "./progress.js";
import { streamOfBytes } from "./sources/byte-stream.js";
import { webStreamOf } from "./sources/node-readable.js";
import { guardStream, type StreamGuard } from "./sources/guarded-stream.js";
import type { OpenedSource } from "./sources/types.js";
import { nodeUploadFetch, type NativeFileSource } from "./transport/node-upload.js";
import { xhrFetch } from "./transport/xhr-fetch.js";

/** A request body ready for openapi-fetch, with the headers it needs. */
export interface PreparedBody {
  /** The body openapi-fetch sends; undefined when the transport writes the body itself. */
  body: ReadableStream<Uint8Array> | Blob | undefined;
  headers: Record<string, string>;
  /** Whether `body` is a stream (and so needs `duplex: "half"`). */
  streamed: boolean;
  /** A fetch that reports upload progress, where the runtime's fetch cannot. */
  transport: ((request: Request) => Promise<Response>) | undefined;
  /** Holds the error that stopped a streamed body (a failing source, the size limit), if one did. */
  guard: StreamGuard | undefined;
}

/** The file's size when known before sending. */
export function sizeOf(source: OpenedSource): number | undefined {
  return source.kind === "blob" ? source.blob.size : source.kind === "bytes" ? source.bytes.length : source.kind === "stream" ? source.size : undefined;
}

/** The source as a web stream, for paths that need one (a caller's fetch, browsers). */
function webStreamOfSource(source: OpenedSource): ReadableStream<Uint8Array> {
  switch (source.kind) {
    case "blob":
      return source.read?.() ?? source.blob.stream();
    case "bytes":
      return streamOfBytes(source.bytes);
    case "stream":
      return source.stream;
    case "node-stream":
      return webStreamOf(source.readable);
  }
}

const isOneShot = (source: OpenedSource) => source.kind === "stream" || source.kind === "node-stream";

/**
 * Streams `fields` and the file as multipart/form-data: the file's bytes pass through once,
 * counted for progress and guarded (see `guardStream`), never gathered. `Content-Length` is set
 * when the size is certain.
 */
export function streamedBody(checked: CheckedSource, fields: Record<string, string>, file: MultipartFile, progress: ProgressReporter): PreparedBody {
  const { source } = checked;
  const frame = multipartFrame(fields, file);
  const fileStream = webStreamOfSource(source);
  const headers: Record<string, string> = { "Content-Type": frame.contentType };
  if (!isOneShot(source)) {
    headers["Content-Length"] = String(frame.head.length + (sizeOf(source) ?? 0) + frame.tail.length);
  }
  const guarded = guardStream(fileStream, {
    expectedBytes: sizeOf(source),
    maxBytes: checked.maxBytes,
    onBytes: (total) => progress.report(total),
  });
  return { body: concatStreams([frame.head, guarded.stream, frame.tail]), headers, streamed: true, transport: undefined, guard: guarded.guard };
}

/**
 * The body for Node's own upload path (`transport/node-upload.ts`): no web streams between the
 * source and the socket; the request built by openapi-fetch carries only the URL and headers.
 */
export function nativeBody(checked: CheckedSource, fields: Record<string, string>, file: MultipartFile, progress: ProgressReporter): PreparedBody {
  const { source } = checked;
  const frame = multipartFrame(fields, file);
  const native: NativeFileSource =
    source.kind === "blob" && source.path !== undefined
      ? { kind: "path", path: source.path, size: source.blob.size }
      : source.kind === "bytes"
        ? { kind: "bytes", bytes: source.bytes }
        : source.kind === "node-stream"
          ? { kind: "node", readable: source.readable }
          : { kind: "stream", stream: webStreamOfSource(source), size: sizeOf(source) };
  const headers: Record<string, string> = { "Content-Type": frame.contentType };
  if (!isOneShot(source)) headers["Content-Length"] = String(frame.head.length + (sizeOf(source) ?? 0) + frame.tail.length);
  const guard = { failure: undefined };
  const transport = nodeUploadFetch({ head: frame.head, file: native, tail: frame.tail, maxBytes: checked.maxBytes, onBytes: (total) => progress.report(total), guard });
  return { body: undefined, headers, streamed: false, transport, guard };
}

/**
 * The body as one composed Blob, for browsers (which stream Blobs themselves but cannot stream a
 * request body over HTTP/1.1); sent with XMLHttpRequest where available, for upload progress.
 */
export async function blobBody(checked: CheckedSource, fields: Record<string, string>, file: MultipartFile, progress: ProgressReporter): Promise<PreparedBody> {
  const { source } = checked;
  const frame = multipartFrame(fields, file);
  const fileBlob =
    source.kind === "blob"
      ? source.blob
      : source.kind === "bytes"
        ? new Blob([source.bytes as Uint8Array<ArrayBuffer>])
        : await new Response(webStreamOfSource(source)).blob();
  const body = new Blob([frame.head as Uint8Array<ArrayBuffer>, fileBlob, frame.tail as Uint8Array<ArrayBuffer>]);
  const transport =
    typeof XMLHttpRequest === "function" ? xhrFetch(body, (sent) => progress.report(sent - frame.head.length)) : undefined;
  return { body, headers: { "Content-Type": frame.contentType }, streamed: false, transport, guard: undefined };
}

/** One stream of byte arrays and streams, in order. */
function concatStreams(parts: ReadonlyArray<Uint8Array | ReadableStream<Uint8Array>>): ReadableStream<Uint8Array> {
  let index = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const part = parts[index];
        if (part === undefined) return controller.close();
        if (part instanceof Uint8Array) {
          index++;
          if (part.length) return controller.enqueue(part);
          continue;
        }
        reader ??= part.getReader();
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        reader = undefined;
        index++;
      }
    },
    async cancel(reason) {
      await reader?.cancel(reason);
      for (const part of parts.slice(index + 1)) if (part instanceof ReadableStream) await part.cancel(reason);
    },
  });
}
