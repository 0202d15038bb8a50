/**
 * Node's upload path: the multipart body goes from the source to the socket with no web stream
 * between them, each source writing its bytes the fastest way it can (`OpenedSource.writeTo`: a
 * file through a few reused buffers, bytes as views, a Node Readable piped). Backpressure holds
 * the reading back; progress counts what the socket accepted; an abort or timeout destroys the
 * request, which stops the reading at once. Used in Node unless the caller passes a `fetch`.
 * @module
 */
import { multipartFrame } from "../multipart.js";
import type { StreamGuard } from "../sources/guarded-stream.js";
import { type NativeBody, nodeFetch } from "./node-fetch.js";
import { type BodyInput, frameHeaders, type PreparedBody } from "./prepared-body.js";

/**
 * The body for Node's own upload path: the request built by openapi-fetch carries only the URL
 * and headers; {@link nodeFetch} writes the bytes from the source itself.
 */
export function nodeBody({ source, maxBytes, fields, file, progress, attempt, answerLimit }: BodyInput): PreparedBody {
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
    fetch: nodeFetch({ body, answerLimit }),
    guard,
    reportsProgress: true,
  };
}
