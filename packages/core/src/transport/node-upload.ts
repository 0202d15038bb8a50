/**
 * Node's upload path: the multipart body goes from the source to the socket with no web stream
 * between them, each source writing its bytes the fastest way it can (`OpenedSource.writeTo`: a
 * file through a few reused buffers, bytes as views, a Node Readable piped). Backpressure holds
 * the reading back; progress counts what the socket accepted; an abort or timeout destroys the
 * request, which stops the reading at once. Used in Node unless the caller passes a `fetch`.
 * @module
 */
import type { IncomingMessage } from "node:http";
import { MiniMaxFilesError } from "../errors.js";
import { multipartFrame } from "../multipart.js";
import type { StreamGuard } from "../sources/guarded-stream.js";
import { writeWithBackpressure } from "../sources/node-writes.js";
import type { OpenedSource, SourceWriteOptions } from "../sources/types.js";
import { responseFrom } from "./node-response.js";
import { type BodyInput, frameHeaders, type PreparedBody } from "./prepared-body.js";

/** A multipart body around one file, to be written by {@link nodeUploadFetch}. */
export interface NativeBody extends SourceWriteOptions {
  head: Uint8Array;
  source: OpenedSource;
  tail: Uint8Array;
  /** Receives the error that stopped the body (a failing source, the size limit). */
  guard: StreamGuard;
}

/**
 * The body for Node's own upload path: the request built by openapi-fetch carries only the URL
 * and headers; {@link nodeUploadFetch} writes the bytes from the source itself.
 */
export function nodeBody({ source, maxBytes, fields, file, progress, attempt }: BodyInput): PreparedBody {
  const frame = multipartFrame(fields, file);
  const guard: StreamGuard = { failure: undefined };
  const body: NativeBody = {
    head: frame.head,
    source,
    tail: frame.tail,
    maxBytes,
    onBytes: (total) => progress.report(total),
    attempt,
    guard,
  };
  return {
    body: undefined,
    headers: frameHeaders(frame, source),
    streamed: false,
    fetch: nodeUploadFetch(body),
    guard,
    reportsProgress: true,
  };
}

/**
 * A `fetch` over node:http for one attempt that sends `body` itself (the Request's own body is
 * ignored), or no body at all: Node's own path for a download, its answer streamed as it arrives.
 */
export function nodeUploadFetch(body?: NativeBody): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const [{ request: send }, { Readable }] = await Promise.all([
      url.protocol === "https:" ? import("node:https") : import("node:http"),
      import("node:stream"),
    ]);
    const { signal } = request;
    if (signal.aborted) throw signal.reason;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = send(url, { method: request.method, headers: Object.fromEntries(request.headers) });
      const onAbort = () => outgoing.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      signal.addEventListener("abort", onAbort, { once: true });
      const settle = () => signal.removeEventListener("abort", onAbort);
      outgoing.on("error", (error) => {
        settle();
        reject(signal.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
      });
      outgoing.once("response", (incoming: IncomingMessage) => {
        incoming.once("close", settle);
        resolve(responseFrom(incoming, (readable) => Readable.toWeb(readable) as ReadableStream<Uint8Array>));
      });
      if (!body) {
        outgoing.end();
        return;
      }
      writeBody(outgoing, body).then(
        () => outgoing.end(),
        (error: unknown) => {
          if (error instanceof MiniMaxFilesError) body.guard.failure ??= error;
          if (!outgoing.destroyed) outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  };
}

async function writeBody(request: import("node:http").ClientRequest, body: NativeBody): Promise<void> {
  await writeWithBackpressure(request, body.head);
  await body.source.writeTo(request, body);
  await writeWithBackpressure(request, body.tail);
}
