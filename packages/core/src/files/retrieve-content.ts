/**
 * `GET /minimax/v1/files/retrieve_content`: a file's bytes, streamed (never parsed as JSON), and
 * written to a path atomically by `download`.
 * @module
 */
import type { IncomingMessage } from "node:http";
import { sendingWith } from "../engine/direct-client.js";
import { readAnswer } from "../engine/read-answer.js";
import type { Attempt, Operation, RequestEngine } from "../engine/request-engine.js";
import type { RequestOptions } from "../engine/request-options.js";
import { responseInfo } from "../errors.js";
import { type AnswerFetch, asResponse } from "../http-answer.js";
import { socketBodies } from "../kept-answers.js";
import { errorResponseWireSchema } from "../response-schema.js";
import type { Transport } from "../transport/choose-transport.js";
import { type ArrivingContent, contentBody, contentOf, FileContent } from "./file-content.js";
import { checkFileId, type FileIdInput } from "./file-id.js";

const path = "/minimax/v1/files/retrieve_content";

/** Requests the content (through `fetch`, when the transport has its own) and returns it once its first bytes show it is not an error. */
async function fetchContent(
  engine: RequestEngine,
  id: string,
  attempt: Attempt,
  options: RequestOptions,
  fetch: AnswerFetch | undefined,
): Promise<ArrivingContent> {
  const result = await engine.api.GET(
    path,
    attempt.callOptions({
      fetch: fetch ? sendingWith(fetch) : undefined,
      // The content is never parsed: its stream is handed over as it arrives.
      parseAs: "stream",
      middleware: [attempt.observe],
      params: { query: { file_id: id as unknown as number } },
    }),
  );
  const { response } = result;
  if (!response.ok) {
    // Throws the error the answer holds (a JSON base_resp, or the HTTP status).
    readAnswer(response, result.error, errorResponseWireSchema, {
      baseURL: engine.options.baseURL,
      attempt: attempt.number,
      endpoint: attempt.endpoint,
    });
  }
  return contentOf(response, attempt, engine.options.baseURL, options.onProgress);
}

/**
 * An operation on a file's content: each attempt requests it and hands it to `use`, whose result
 * is the operation's (a failure in `use` while the bytes arrive is the attempt's, retried as a read).
 */
function contentOperation<T>(
  engine: RequestEngine,
  transport: Transport,
  fileId: FileIdInput,
  options: RequestOptions,
  use: (content: ArrivingContent, attempt: Attempt, id: string) => Promise<T>,
  fetch = transport.downloadFetch,
): Operation<T> {
  const id = checkFileId(fileId);
  return {
    name: "download",
    path,
    idempotent: true,
    send: async (attempt) => {
      const content = await fetchContent(engine, id, attempt, options, fetch);
      return { value: await use(content, attempt, id), response: content.response };
    },
  };
}

/** The content operation: resolves once the content starts arriving; its stream carries the rest. */
export function retrieveContentOperation(
  engine: RequestEngine,
  transport: Transport,
  fileId: FileIdInput,
  options: RequestOptions,
): Operation<FileContent> {
  return contentOperation(
    engine,
    transport,
    fileId,
    options,
    async (content, attempt, id) => new FileContent(id, asResponse(content.response), await contentBody(content, attempt), content.size),
  );
}

/** Options of `files.download`. */
export interface DownloadOptions extends RequestOptions {
  /** Replace a file already at the path. Defaults to false: an existing file is refused before anything is sent. */
  overwrite?: boolean | undefined;
}

/** What `files.download` wrote. */
export interface DownloadResult {
  /** The path written. */
  path: string;
  /** Bytes written. */
  bytes: number;
  /** MiniMax's `Trace-Id` header of the answer that was written. */
  traceId: string | undefined;
}

/**
 * The download operation (Node only): each attempt writes the whole content to a temporary file
 * beside `target` and renames it into place, so a failed or retried attempt never leaves a
 * partial file, and memory stays constant for any size.
 */
export function downloadOperation(
  engine: RequestEngine,
  transport: Transport,
  fileId: FileIdInput,
  target: string,
  options: DownloadOptions,
): Operation<DownloadResult> {
  const write = async (content: ArrivingContent, attempt: Attempt) => {
    const [{ writeAtomically }, { nodeStreamWriter, webStreamWriter }, { socketBodyWriter }] = await Promise.all([
      import("./write-atomically.js"),
      import("./write-content.js"),
      import("./write-socket-body.js"),
    ]);
    const { head, progress } = content;
    const hooks = { onBytes: (received: number) => progress.report(received), failRead: (error: unknown) => attempt.fail(error) };
    // A web stream (a caller's fetch) is read through the content's stream; in Node the body is
    // taken from its socket where it can be, else written from node:http's stream as it arrives.
    const rest = head.rest;
    const socketBody = rest?.kind === "node" ? socketBodies.get(rest.stream as IncomingMessage) : undefined;
    const writer =
      rest?.kind === "web"
        ? webStreamWriter(await contentBody(content, attempt))
        : socketBody && rest
          ? socketBodyWriter(head.chunks, { socketBody, incoming: rest.stream as IncomingMessage }, hooks)
          : nodeStreamWriter(head.chunks, rest?.stream, hooks);
    const bytes = await writeAtomically(writer, target, { overwrite: options.overwrite === true });
    return { path: target, bytes, traceId: responseInfo(content.response).traceId };
  };
  return contentOperation(engine, transport, fileId, options, write, transport.pathDownloadFetch);
}
