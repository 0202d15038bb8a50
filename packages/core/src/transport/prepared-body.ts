import type { AnswerFetch } from "../http-answer.js";
import type { MultipartFile, MultipartFrame } from "../multipart.js";
import type { ProgressReporter } from "../progress.js";
import type { StreamGuard } from "../sources/guarded-stream.js";
import type { OpenedSource } from "../sources/types.js";

/** A request body for one attempt, ready for openapi-fetch, with what it needs to be sent. */
export interface PreparedBody {
  /** The body openapi-fetch hands to `fetch`; undefined when the transport writes the body itself. */
  body: ReadableStream<Uint8Array> | Blob | undefined;
  headers: Record<string, string>;
  /** Whether `body` is a stream (and so needs `duplex: "half"`). */
  streamed: boolean;
  /** The `fetch` that sends this body, when it is not the client's. */
  fetch: AnswerFetch | undefined;
  /** Holds the error that stopped the body as it was sent (a failing source, the size limit), if one did. */
  guard: StreamGuard | undefined;
  /** Whether progress is reported as the bytes leave; when not, it is reported once, after the answer. */
  reportsProgress: boolean;
}

/** What every transport prepares a body from. */
export interface BodyInput {
  /** The source to send. */
  source: OpenedSource;
  /** The size limit to enforce as the bytes are sent (a one-shot stream of unknown size), if any. */
  maxBytes: number | undefined;
  fields: Record<string, string>;
  file: MultipartFile;
  progress: ProgressReporter;
  /** The attempt the body is for (1 for the first). */
  attempt: number;
  /** The most bytes of the answer to read (the client's `maxResponseBytes`). */
  answerLimit: number;
}

/** The request's headers for a body framed by `frame`: `Content-Length` only when the size is certain. */
export function frameHeaders(frame: MultipartFrame, source: OpenedSource): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": frame.contentType };
  if (source.replayable && source.size !== undefined)
    headers["Content-Length"] = String(frame.head.length + source.size + frame.tail.length);
  return headers;
}
