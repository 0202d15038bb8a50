/**
 * `client.files`: MiniMax's File Management API, each operation a few lines on the request engine.
 * @module
 */
import type { Answered, RequestEngine } from "../engine/request-engine.js";
import type { RequestOptions } from "../engine/request-options.js";
import { responseInfo } from "../errors.js";
import { withResponseOf } from "../http-answer.js";
import type { Transport } from "../transport/choose-transport.js";
import type { DeletedFile, StoredFile, UploadedFile } from "../uploaded-file.js";
import { type DeleteParams, deleteOperation } from "./delete.js";
import type { FileContent } from "./file-content.js";
import type { FileIdInput } from "./file-id.js";
import { type ListParams, listOperation } from "./list.js";
import { retrieveOperation } from "./retrieve.js";
import { type DownloadOptions, type DownloadResult, downloadOperation, retrieveContentOperation } from "./retrieve-content.js";
import { type UploadOptions, type UploadParams, type UploadResult, upload, uploadResultOf } from "./upload.js";

/** A result with the HTTP answer it came in: `Trace-Id` and `x-request-id` read from it. */
export interface WithResponse<T> {
  data: T;
  /** The raw HTTP answer; its body has been read. Made when first read: prefer `httpStatus` for the status alone. */
  response: Response;
  /** The answer's HTTP status (`response.status`, read without making the `Response`). */
  httpStatus: number;
  /** MiniMax's `Trace-Id` header: its support asks for it. */
  traceId: string | undefined;
  /** The `x-request-id` header, when sent. */
  requestId: string | undefined;
}

function withResponse<T>({ value, response }: Answered<T>): WithResponse<T> {
  const { httpStatus, traceId, requestId } = responseInfo(response);
  return withResponseOf({ data: value, httpStatus, traceId, requestId }, response);
}

/** MiniMax's file operations: upload, list, retrieve, download, delete. */
export class Files {
  readonly #engine: RequestEngine;
  readonly #transport: Transport;

  /** @internal Made by {@link MiniMaxFiles}. */
  constructor(engine: RequestEngine, transport: Transport) {
    this.#engine = engine;
    this.#transport = transport;
  }

  /**
   * Uploads one file and returns what MiniMax stored. The same call as `client.upload`.
   * @throws AudioPreflightError when the file fails its purpose's pre-flight check (nothing is sent).
   */
  async upload(params: UploadParams, options: UploadOptions = {}): Promise<UploadedFile> {
    return (await upload(this.#engine, this.#transport, params, options)).file;
  }

  /** Like {@link Files.upload}, with the HTTP answer, its `Trace-Id` and `x-request-id`. */
  async uploadWithResponse(params: UploadParams, options: UploadOptions = {}): Promise<UploadResult> {
    return uploadResultOf(await upload(this.#engine, this.#transport, params, options));
  }

  /**
   * Every file stored for `purpose` (required, as MiniMax's reference has it), ids exact.
   * @example
   * ```ts
   * for (const file of await client.files.list({ purpose: "voice_clone" })) console.log(file.file_id, file.filename);
   * ```
   */
  async list(params: ListParams, options: RequestOptions = {}): Promise<UploadedFile[]> {
    // The value alone: no header of the answer is read for a caller who does not ask for them.
    return (await this.#list(params, options)).value;
  }

  /** Like {@link Files.list}, with the HTTP answer. */
  async listWithResponse(params: ListParams, options: RequestOptions = {}): Promise<WithResponse<UploadedFile[]>> {
    return withResponse(await this.#list(params, options));
  }

  #list(params: ListParams, options: RequestOptions): Promise<Answered<UploadedFile[]>> {
    return this.#engine.run(options, "list", () => listOperation(this.#engine, params));
  }

  /** One file's record, with a `download_url` when MiniMax offers one (it may be absent, and it expires). */
  async retrieve(fileId: FileIdInput, options: RequestOptions = {}): Promise<StoredFile> {
    return (await this.#retrieve(fileId, options)).value;
  }

  /** Like {@link Files.retrieve}, with the HTTP answer. */
  async retrieveWithResponse(fileId: FileIdInput, options: RequestOptions = {}): Promise<WithResponse<StoredFile>> {
    return withResponse(await this.#retrieve(fileId, options));
  }

  #retrieve(fileId: FileIdInput, options: RequestOptions): Promise<Answered<StoredFile>> {
    return this.#engine.run(options, "retrieve", () => retrieveOperation(this.#engine, fileId));
  }

  /**
   * The file's bytes, streamed as they arrive (constant memory for any size): resolves once they
   * start, after a JSON error sent in their place has been thrown as the typed error. Retried
   * until the bytes start; a failure after that errors the stream (use {@link Files.download} to
   * retry a whole download). `onProgress` counts the bytes read.
   * @example
   * ```ts
   * const content = await client.files.retrieveContent(fileId);
   * await pipeline(await content.toNodeStream(), createWriteStream("voice.wav"));
   * ```
   */
  async retrieveContent(fileId: FileIdInput, options: RequestOptions = {}): Promise<FileContent> {
    const answered = await this.#engine.run(options, "download", () =>
      retrieveContentOperation(this.#engine, this.#transport, fileId, options),
    );
    return answered.value;
  }

  /**
   * Node only: downloads the file's bytes to `path` atomically (a temporary file renamed into
   * place; nothing is left behind on any failure), in constant memory, retrying a whole download
   * that fails. An existing file is refused before anything is sent unless `overwrite: true`.
   */
  async download(fileId: FileIdInput, path: string, options: DownloadOptions = {}): Promise<DownloadResult> {
    const answered = await this.#engine.call(options, "download", async () => {
      const { checkTarget } = await import("./write-atomically.js");
      const operation = downloadOperation(this.#engine, this.#transport, fileId, path, options);
      await checkTarget(path, options.overwrite === true);
      return this.#engine.attempts(operation, options);
    });
    return answered.value;
  }

  /**
   * Deletes a file. `purpose` is required (MiniMax's reference requires it); the id goes out as a
   * JSON number with every digit. A delete whose answer was lost is retried; when the retry finds
   * the file gone (MiniMax's 2013) and `retrieve` confirms it is, the earlier attempt deleted it:
   * the result says so (`deletedByEarlierAttempt: true`) instead of failing.
   */
  async delete(fileId: FileIdInput, params: DeleteParams, options: RequestOptions = {}): Promise<DeletedFile> {
    return (await this.#delete(fileId, params, options)).value;
  }

  /** Like {@link Files.delete}, with the HTTP answer. */
  async deleteWithResponse(fileId: FileIdInput, params: DeleteParams, options: RequestOptions = {}): Promise<WithResponse<DeletedFile>> {
    return withResponse(await this.#delete(fileId, params, options));
  }

  #delete(fileId: FileIdInput, params: DeleteParams, options: RequestOptions): Promise<Answered<DeletedFile>> {
    return this.#engine.run(options, "delete", () => deleteOperation(this.#engine, fileId, params));
  }
}
