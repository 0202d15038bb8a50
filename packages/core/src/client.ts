import createClient, { type Client } from "openapi-fetch";
import type { PreflightLimits } from "./audio/limits.js";
import { checkSource } from "./audio/preflight.js";
import { contentTypeByFormat } from "./audio/sniff.js";
import { normalizePreflight, resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from "./client-options.js";
import { contentTypeForFilename, defaultContentType } from "./content-type.js";
import { ConnectionError, InvalidInputError, UploadAbortedError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { gatewayUploadPath, isMiniMaxHost, uploadURL } from "./hosts.js";
import { ProgressReporter, type ProgressListener } from "./progress.js";
import { checkPurpose, type Purpose } from "./purpose.js";
import { readUploadResponse } from "./read-response.js";
import { redactSecret } from "./redact.js";
import { blobBody, sizeOf, streamedBody } from "./request-body.js";
import { openSource } from "./sources/open-source.js";
import type { UploadSource } from "./sources/types.js";
import { canStreamRequestBodies } from "./transport/runtime.js";
import type { UploadedFile } from "./uploaded-file.js";

/** Parameters of {@link MiniMaxFiles.upload}. */
export interface UploadParams {
  /** The audio. See {@link UploadSource} for every accepted kind. */
  file: UploadSource;
  /** What the audio is for. Defaults to `voice_clone`. */
  purpose?: Purpose | undefined;
  /** Filename sent with the file part. Defaults to the source's name (path basename, `File.name`, URL segment), else `audio.<format>`. */
  filename?: string | undefined;
  /** Content type of the file part. Defaults to the type sniffed from the bytes, else the source's declared type. */
  contentType?: string | undefined;
}

/** Options of one request. */
export interface RequestOptions {
  /** Extra headers for this request, e.g. `Prefer: example=rate_limited` against a Prism mock. */
  headers?: Record<string, string> | undefined;
  /** Stops the upload at once, freeing its connection; the call rejects with {@link UploadAbortedError}. */
  signal?: AbortSignal | undefined;
  /** Called as the file's bytes leave, during the upload: `loaded` never decreases and ends at `total` when that is known. */
  onProgress?: ProgressListener | undefined;
  /** Overrides the client's `preflight` option for this upload. */
  preflight?: boolean | PreflightLimits | undefined;
}

/**
 * Client for MiniMax's voice-cloning file upload.
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
 * ```
 */
export class MiniMaxFiles {
  readonly #options: ResolvedClientOptions;
  readonly #api: Client<paths>;
  readonly #streaming = canStreamRequestBodies();

  /**
   * @throws InvalidInputError when no API key is given (nor set in the environment), or the base URL or region is malformed.
   */
  constructor(options: ClientOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.#api = createClient<paths>({
      baseUrl: this.#options.baseURL,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
    });
    if (isMiniMaxHost(this.#options.baseURL)) {
      const directURL = uploadURL(this.#options.baseURL);
      this.#api.use({ onRequest: ({ request }) => new Request(directURL, request) });
    }
  }

  /** The base URL requests go to. */
  get baseURL(): string {
    return this.#options.baseURL;
  }

  /** The full URL uploads go to (without `/minimax` on MiniMax's own hosts). */
  get uploadURL(): string {
    return uploadURL(this.#options.baseURL);
  }

  /**
   * Uploads one audio file and returns what MiniMax stored.
   *
   * @throws AudioPreflightError when the audio fails a pre-flight check (nothing is sent).
   * @throws InvalidInputError when the parameters are wrong (nothing is sent).
   * @throws APIError (or a subclass per code) when MiniMax answers with a non-zero status code.
   * @throws HTTPError, InvalidResponseError, ConnectionError, UploadAbortedError for the other failures.
   */
  async upload(params: UploadParams, options: RequestOptions = {}): Promise<UploadedFile> {
    try {
      return await this.#upload(params, options);
    } catch (error) {
      throw redactSecret(error, this.#options.apiKey);
    }
  }

  async #upload(params: UploadParams, options: RequestOptions): Promise<UploadedFile> {
    const { signal } = options;
    if (signal?.aborted) throw new UploadAbortedError(signal.reason);
    const purpose = checkPurpose(params.purpose);
    if (params.file === undefined || params.file === null) {
      throw new InvalidInputError("file", "no file was given", "a path, a file: URL, a Blob/File, bytes or a stream");
    }
    const preflight = options.preflight === undefined ? this.#options.preflight : normalizePreflight(options.preflight);
    const checked = await checkSource(await openSource(params.file), purpose, preflight);
    const filename = params.filename ?? checked.source.name ?? (checked.format ? `audio.${checked.format}` : "audio");
    const contentType =
      params.contentType ??
      (checked.format ? contentTypeByFormat[checked.format] : undefined) ??
      checked.source.declaredType ??
      contentTypeForFilename(filename) ??
      defaultContentType;
    const file = { field: "file", filename, contentType };
    const progress = new ProgressReporter(sizeOf(checked.source), options.onProgress);
    const prepared = this.#streaming
      ? streamedBody(checked, { purpose }, file, progress)
      : await blobBody(checked, { purpose }, file, progress);
    const transport = this.#options.fetch ? undefined : prepared.transport;
    if (signal?.aborted) throw new UploadAbortedError(signal.reason);

    let result;
    try {
      result = await this.#api.POST(gatewayUploadPath, {
        // The typed body names the spec's fields; the bytes travel in `prepared.body` (a stream
        // or a Blob framed as multipart/form-data), which the serializer returns as is.
        body: { purpose, file: prepared.body as Blob },
        bodySerializer: () => prepared.body,
        parseAs: "text",
        // Following a redirect would make undici keep the whole body for a replay (nodejs/undici#4058):
        // uploads do not follow redirects, which keeps memory constant whatever the file's size.
        redirect: "error",
        headers: { ...this.#options.defaultHeaders, ...options.headers, ...prepared.headers, Authorization: `Bearer ${this.#options.apiKey}` },
        ...(signal ? { signal } : {}),
        ...(prepared.streamed ? ({ duplex: "half" } as object) : {}),
        ...(transport ? { fetch: transport } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw new UploadAbortedError(signal.reason ?? error);
      throw new ConnectionError(this.uploadURL, error);
    }
    if (!prepared.streamed && !transport) progress.report(sizeOf(checked.source) ?? 0);
    return readUploadResponse(result.response, result.data ?? result.error, this.#options.baseURL);
  }
}
