import { multipartFrame } from "../multipart.js";
import type { BodyInput, PreparedBody } from "./prepared-body.js";
import { xhrFetch } from "./xhr-fetch.js";

/**
 * The body as one composed Blob, for browsers (which stream Blobs themselves but cannot stream a
 * request body over HTTP/1.1); sent with XMLHttpRequest (unless `withXhr` is false: a caller's
 * `fetch`), for upload progress.
 */
export async function browserBody(
  { source, fields, file, progress }: BodyInput,
  withXhr = typeof XMLHttpRequest === "function",
): Promise<PreparedBody> {
  const frame = multipartFrame(fields, file);
  const body = new Blob([frame.head as Uint8Array<ArrayBuffer>, await source.blob(), frame.tail as Uint8Array<ArrayBuffer>]);
  return {
    body,
    // The browser sets Content-Length from the Blob.
    headers: { "Content-Type": frame.contentType },
    streamed: false,
    fetch: withXhr ? xhrFetch(body, (sent) => progress.report(sent - frame.head.length)) : undefined,
    guard: undefined,
    reportsProgress: withXhr,
  };
}
