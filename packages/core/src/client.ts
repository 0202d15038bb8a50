import createClient, { type Client } from "openapi-fetch";
import { resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from "./client-options.js";
import { ConnectionError, InvalidInputError, UploadAbortedError } from "./errors.js";
import type { components, paths } from "./generated/openapi.js";
import { readUploadResponse } from "./read-response.js";
import { redactSecret } from "./redact.js";
import { purposeSchema } from "./response-schema.js";
import type { UploadedFile } from "./uploaded-file.js";
import { toFilePart, type UploadSource } from "./upload-source.js";

/** What the audio is for: `voice_clone` (10 s to 5 min) or `prompt_audio` (under 8 s). */
export type Purpose = components["schemas"]["Purpose"];

/** The documented path of the upload operation. */
export const uploadPath = "/minimax/v1/files/upload";

/** Parameters of {@link MiniMaxFiles.upload}. */
export interface UploadParams {
  /** The audio: a path, a `file:` URL, a `Blob`/`File`, or bytes. See {@link UploadSource}. */
  file: UploadSource;
  /** What the audio is for. Defaults to `voice_clone`. */
  purpose?: Purpose | undefined;
  /** Filename sent with the file part. Defaults to the path's basename, the `File`'s name, or `audio`. */
  filename?: string | undefined;
  /** Content type of the file part. Defaults to the source's type, else one implied by the filename's extension. */
  contentType?: string | undefined;
}

/** Options of one request. */
export interface RequestOptions {
  /** Extra headers for this request, e.g. `Prefer: example=rate_limited` against a Prism mock. */
  headers?: Record<string, string> | undefined;
  /** Stops the request when aborted; the call then rejects with {@link UploadAbortedError}. */
  signal?: AbortSignal | undefined;
}

/**
 * Client for MiniMax's voice-cloning file upload.
 *
 * @example
 * ```ts
 * import { MiniMaxFiles } from "@minimax-files/core";
 *
 * const client = new MiniMaxFiles({ apiKey: process.env.MINIMAX_API_KEY, baseURL: "https://gateway.example.com" });
 * const file = await client.upload({ file: "./voice.wav", purpose: "voice_clone" });
 * console.log(file.file_id); // exact, as a string
 * ```
 */
export class MiniMaxFiles {
  readonly #options: ResolvedClientOptions;
  readonly #api: Client<paths>;

  /**
   * @throws InvalidInputError when no API key or base URL is given (nor set in the environment).
   */
  constructor(options: ClientOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.#api = createClient<paths>({ baseUrl: this.#options.baseURL, fetch: this.#options.fetch });
  }

  /** The base URL requests go to. */
  get baseURL(): string {
    return this.#options.baseURL;
  }

  /**
   * Uploads one audio file and returns what MiniMax stored.
   *
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
    if (options.signal?.aborted) throw new UploadAbortedError(options.signal.reason);
    const purpose = checkPurpose(params.purpose);
    if (params.file === undefined || params.file === null) {
      throw new InvalidInputError("file", "no file was given", "a path, a file: URL, a Blob/File or bytes");
    }
    const part = await toFilePart(params.file, { filename: params.filename, contentType: params.contentType });
    const url = this.#options.baseURL + uploadPath;

    let result;
    try {
      result = await this.#api.POST(uploadPath, {
        body: { purpose, file: part.blob },
        bodySerializer: (body) => {
          const form = new FormData();
          form.append("purpose", body.purpose);
          form.append("file", body.file, part.filename);
          return form;
        },
        parseAs: "text",
        headers: { ...this.#options.defaultHeaders, ...options.headers, Authorization: `Bearer ${this.#options.apiKey}` },
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw new UploadAbortedError(error);
      throw new ConnectionError(url, error);
    }
    return readUploadResponse(result.response, result.data ?? result.error, this.#options.baseURL);
  }
}

function checkPurpose(purpose: unknown): Purpose {
  const parsed = purposeSchema.safeParse(purpose ?? "voice_clone");
  if (!parsed.success) {
    throw new InvalidInputError("purpose", `got ${JSON.stringify(purpose)}`, purposeSchema.options.join(" or "));
  }
  return parsed.data;
}
