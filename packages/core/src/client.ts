import { type ClientOptions, resolveClientOptions } from "./client-options.js";
import { operationURL } from "./engine/paths.js";
import { RequestEngine } from "./engine/request-engine.js";
import { Files } from "./files/files.js";
import type { UploadOptions, UploadParams, UploadResult } from "./files/upload.js";
import { gatewayUploadPath } from "./hosts.js";
import { chooseTransport } from "./transport/choose-transport.js";
import type { UploadedFile } from "./uploaded-file.js";
import { Voice } from "./voice/voice.js";

/**
 * Client for MiniMax's file operations: `files.upload` (also `upload`), `files.list`,
 * `files.retrieve`, `files.retrieveContent`, `files.download` and `files.delete`, all through one
 * request engine (the key, hosts, timeouts, retries, typed errors, redaction).
 *
 * @example
 * ```ts
 * import { MiniMaxFiles } from "@minimax-files/core";
 *
 * const client = new MiniMaxFiles({ region: "global" }); // key from MINIMAX_API_KEY
 * const file = await client.upload(
 *   { file: "./voice.wav", purpose: "voice_clone" },
 *   { onProgress: ({ loaded, total }) => console.log(loaded, total) },
 * );
 * console.log(file.file_id); // exact, as a string
 * await client.files.download(file.file_id, "./voice-copy.wav");
 * ```
 */
export class MiniMaxFiles {
  /** MiniMax's File Management API: upload, list, retrieve, retrieveContent, download, delete. */
  readonly files: Files;
  /** Voice cloning from uploaded files: `voice.clone`, `voice.downloadPreview`. */
  readonly voice: Voice;
  readonly #engine: RequestEngine;

  /**
   * @throws InvalidInputError when no API key is given (nor set in the environment), or the base URL or region is malformed.
   */
  constructor(options: ClientOptions = {}) {
    const resolved = resolveClientOptions(options);
    const transport = chooseTransport(resolved.fetch, resolved.maxResponseBytes);
    this.#engine = new RequestEngine(resolved, transport.sendWith);
    this.files = new Files(this.#engine, transport);
    this.voice = new Voice(this.#engine, transport);
  }

  /** The base URL requests go to. */
  get baseURL(): string {
    return this.#engine.options.baseURL;
  }

  /** The full URL uploads go to (without `/minimax` on MiniMax's own hosts). */
  get uploadURL(): string {
    return operationURL(this.baseURL, gatewayUploadPath);
  }

  /**
   * Uploads one file and returns what MiniMax stored (the same call as `files.upload`).
   *
   * @throws AudioPreflightError when the file fails a pre-flight check (nothing is sent).
   * @throws InvalidInputError when the parameters are wrong (nothing is sent).
   * @throws APIError (or a subclass per code) when MiniMax answers with a non-zero status code.
   * @throws HTTPError, InvalidResponseError, ConnectionError, TimeoutError, AbortedError for the
   *   other failures; each says whether it is `retryable` and how many `attempts` were made.
   */
  upload(params: UploadParams, options: UploadOptions = {}): Promise<UploadedFile> {
    return this.files.upload(params, options);
  }

  /**
   * Like {@link MiniMaxFiles.upload}, and also returns the raw HTTP answer (status and headers;
   * its body has been read), with MiniMax's `Trace-Id` and any `x-request-id`.
   *
   * @example
   * ```ts
   * const { file, traceId, response } = await client.uploadWithResponse({ file: "./voice.wav" });
   * console.log(file.file_id, traceId, response.headers.get("date"));
   * ```
   */
  uploadWithResponse(params: UploadParams, options: UploadOptions = {}): Promise<UploadResult> {
    return this.files.uploadWithResponse(params, options);
  }
}
