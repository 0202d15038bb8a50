/**
 * The bytes of `retrieve_content`, as they arrive: a web `ReadableStream` (and a Node `Readable`
 * from it), counted for progress, whose failures are the client's typed errors. Before the first
 * byte is handed over, a small answer that is MiniMax's JSON `base_resp` error (which comes with
 * HTTP 200, even labelled like the content) has become that error: it never reaches a file.
 * @module
 */

import { throwIfMiniMaxError } from "../engine/read-answer.js";
import type { Attempt } from "../engine/request-engine.js";
import { InvalidResponseError, type ResponseInfo, responseInfo } from "../errors.js";
import type { HttpAnswer } from "../http-answer.js";
import { parseResponseJson } from "../json.js";
import { nodeAnswerBodies } from "../kept-answers.js";
import type { ProgressListener } from "../progress.js";
import { ProgressReporter } from "../progress.js";
import type { FileId } from "../uploaded-file.js";
import { type ContentHead, type ContentRest, cancelRest, readHead, webReaderOf } from "./content-head.js";

/** Content up to this size is looked at whole before it is handed over: MiniMax's error bodies are far smaller. */
export const errorProbeBytes = 64 * 1024;

/** A file's content, as `files.retrieveContent` returns it. Read it once: through `body`, `toNodeStream()`, `bytes()` or `text()`. */
export class FileContent {
  /** The file's id. */
  readonly fileId: FileId;
  /** The HTTP answer. Its bytes are {@link FileContent.body} (read through it; in Node the answer itself has no body). */
  readonly response: Response;
  /** MiniMax's `Trace-Id` header. */
  readonly traceId: string | undefined;
  /** The `x-request-id` header, when sent. */
  readonly requestId: string | undefined;
  /** The content's size, when the answer declares it (`Content-Length`). */
  readonly size: number | undefined;
  /** The bytes as a web stream, in constant memory. Cancel it to stop the download. */
  readonly body: ReadableStream<Uint8Array>;

  constructor(fileId: FileId, response: Response, body: ReadableStream<Uint8Array>, size: number | undefined) {
    const info = responseInfo(response);
    this.fileId = fileId;
    this.response = response;
    this.traceId = info.traceId;
    this.requestId = info.requestId;
    this.size = size;
    this.body = body;
  }

  /** The bytes as a Node `Readable` (Node only), with backpressure. */
  async toNodeStream(): Promise<import("node:stream").Readable> {
    const { Readable } = await import("node:stream");
    return Readable.fromWeb(this.body as import("node:stream/web").ReadableStream<Uint8Array>);
  }

  /** Every byte, gathered in memory: for small files; stream large ones. */
  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await new Response(this.body).arrayBuffer());
  }

  /** The content decoded as UTF-8 (a `t2a_async_input` text, say). */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }
}

/** A 2xx answer of `retrieve_content` known to hold content: its first bytes, the rest unread. */
export interface ArrivingContent {
  response: HttpAnswer;
  head: ContentHead;
  /** The content's size, when the answer declares it (`Content-Length`). */
  size: number | undefined;
  progress: ProgressReporter;
}

/**
 * Turns a 2xx answer of `retrieve_content` into its content: throws the typed error when the
 * answer is an HTML page or a JSON `base_resp` error instead, else returns its head and the rest.
 */
export async function contentOf(
  response: HttpAnswer,
  attempt: Attempt,
  baseURL: string,
  onProgress: ProgressListener | undefined,
): Promise<ArrivingContent> {
  const info: ResponseInfo = responseInfo(response, attempt.number, attempt.endpoint);
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const size = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
  const rest = restOf(response);
  const head = rest ? await readHead(rest, errorProbeBytes) : { chunks: [], bytes: 0, rest: undefined };
  if ((response.headers.get("content-type") ?? "").includes("html")) {
    await cancelRest(head.rest);
    const page = new TextDecoder().decode(concat(head.chunks)).slice(0, 500);
    throw new InvalidResponseError("html", `the body is an HTML page, not the file: ${JSON.stringify(page)}`, info);
  }
  if (!head.rest && head.bytes <= errorProbeBytes) throwIfError(concat(head.chunks), info, baseURL);
  return { response, head, size, progress: new ProgressReporter(size, onProgress) };
}

/** Where the answer's bytes are read from: node:http's stream when the transport kept it, else the body. */
function restOf(response: HttpAnswer): ContentRest | undefined {
  const stream = nodeAnswerBodies.get(response);
  if (stream) return { kind: "node", stream };
  return response.body ? { kind: "web", reader: response.body.getReader() } : undefined;
}

/** The content as the web stream {@link FileContent.body} hands over. */
export async function contentBody(content: ArrivingContent, attempt: Attempt): Promise<ReadableStream<Uint8Array>> {
  const { head } = content;
  const reader = head.rest ? await webReaderOf(head.rest) : undefined;
  return contentStream(head.chunks, reader, content.progress, attempt);
}

/** A whole small body that is MiniMax's JSON error becomes that error; anything else is content. */
function throwIfError(bytes: Uint8Array, info: ResponseInfo, baseURL: string): void {
  const text = new TextDecoder().decode(bytes);
  if (!/^\s*\{/.test(text)) return;
  let json: unknown;
  try {
    json = parseResponseJson(text);
  } catch {
    return; // content that only starts like JSON
  }
  throwIfMiniMaxError(json, info, baseURL);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

/** The head already read, then the rest from `reader`, counted; a failure is the attempt's typed error. */
function contentStream(
  head: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  progress: ProgressReporter,
  attempt: Attempt,
): ReadableStream<Uint8Array> {
  let loaded = 0;
  const pending = [...head];
  // The attempt's timeout goes on covering the bytes read after the call returned, until they end.
  const release = attempt.holdDeadline();
  const count = (chunk: Uint8Array) => {
    loaded += chunk.length;
    progress.report(loaded);
    return chunk;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = pending.shift();
      if (next) return controller.enqueue(count(next));
      if (!reader) {
        release();
        return controller.close();
      }
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(count(value));
      } catch (error) {
        controller.error(attempt.fail(error));
        release();
      }
    },
    cancel: (reason) => {
      release();
      return reader?.cancel(reason);
    },
  });
}
