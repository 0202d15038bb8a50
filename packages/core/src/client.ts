import createClient, { type Client } from "openapi-fetch";
import type { PreflightLimits } from "./audio/limits.js";
import { type CheckedSource, checkSource } from "./audio/preflight.js";
import { contentTypeByFormat } from "./audio/sniff.js";
import { type AttemptObserver, boundedResponse, ResponseTooLargeError } from "./bounded-response.js";
import {
  type ClientOptions,
  type ConvertOptions,
  checkRequestOptions,
  normalizeConvert,
  normalizePreflight,
  type ResolvedClientOptions,
  resolveClientOptions,
} from "./client-options.js";
import { contentTypeForFilename, defaultContentType } from "./content-type.js";
import {
  ConnectionError,
  describeCause,
  HTTPError,
  InvalidResponseError,
  MiniMaxFilesError,
  responseInfo,
  UploadAbortedError,
  UploadTimeoutError,
} from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { gatewayUploadPath, isMiniMaxHost, uploadURL } from "./hosts.js";
import type { MultipartFile } from "./multipart.js";
import { type ProgressListener, ProgressReporter } from "./progress.js";
import type { Purpose } from "./purpose.js";
import { readUploadResponse } from "./read-response.js";
import { redactSecret } from "./redact.js";
import { decideRetry, retryPolicy, sleep } from "./retry.js";
import { settleBefore } from "./settle-before.js";
import { openSource } from "./sources/open-source.js";
import type { UploadSource } from "./sources/types.js";
import { chooseTransport, type Transport } from "./transport/choose-transport.js";
import { checkUploadParams } from "./upload-params.js";
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
  /** Overrides the client's retry settings for this upload (e.g. `maxRetries: 0`). */
  maxRetries?: number | undefined;
  initialRetryDelayMs?: number | undefined;
  maxRetryDelayMs?: number | undefined;
  maxRetryAfterMs?: number | undefined;
  /** Overrides the client's `preflight` option for this upload. */
  preflight?: boolean | PreflightLimits | undefined;
  /** Overrides the client's `timeout` for each attempt of this upload, in ms. */
  timeout?: number | undefined;
  /** Overrides the client's `convert` option for this upload (Node only). */
  convert?: boolean | ConvertOptions | undefined;
  /**
   * Node only: cut audio longer than this many seconds to it (e.g. 300 for `voice_clone`'s 5 minutes),
   * converting it with ffmpeg. Never done unless asked; too-short audio is still refused.
   */
  trimTo?: number | undefined;
  /** Called before each retry with the error that caused it and the wait chosen. */
  onRetry?: ((retry: RetryEvent) => void) | undefined;
}

/** Passed to `onRetry` before each retry. */
export interface RetryEvent {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why the attempt failed. */
  error: MiniMaxFilesError;
}

/** What {@link MiniMaxFiles.uploadWithResponse} returns. */
export interface UploadResult {
  /** What MiniMax stored. */
  file: UploadedFile;
  /** The raw HTTP answer; its body has been read. */
  response: Response;
  /** MiniMax's `Trace-Id` header. */
  traceId: string | undefined;
  /** The `x-request-id` header, when sent. */
  requestId: string | undefined;
}

interface UploadedWithResponse {
  file: UploadedFile;
  response: Response;
}

interface PreparedUpload {
  purpose: Purpose;
  file: MultipartFile;
  progress: ProgressReporter;
}

/** Appended to the message of a retryable error that was not retried because its source is a one-shot stream. */
const oneShotNote =
  ". Not retried: the source is a one-shot stream, which cannot be sent twice (pass a path, Blob or bytes to allow retries)";

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
  readonly #transport: Transport;

  /**
   * @throws InvalidInputError when no API key is given (nor set in the environment), or the base URL or region is malformed.
   */
  constructor(options: ClientOptions = {}) {
    this.#options = resolveClientOptions(options);
    this.#api = createClient<paths>({
      baseUrl: this.#options.baseURL,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
    });
    this.#transport = chooseTransport(this.#options.fetch);
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
   * @throws HTTPError, InvalidResponseError, ConnectionError, UploadTimeoutError, UploadAbortedError for the
   *   other failures; each says whether it is `retryable` and how many `attempts` were made.
   */
  async upload(params: UploadParams, options: RequestOptions = {}): Promise<UploadedFile> {
    return (await this.uploadWithResponse(params, options)).file;
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
  async uploadWithResponse(params: UploadParams, options: RequestOptions = {}): Promise<UploadResult> {
    try {
      const { file, response } = await this.#upload(params, options);
      const { traceId, requestId } = responseInfo(response);
      return { file, response, traceId, requestId };
    } catch (error) {
      throw redactSecret(error, this.#options.apiKey);
    }
  }

  async #upload(params: UploadParams, options: RequestOptions): Promise<UploadedWithResponse> {
    checkRequestOptions(options);
    const purpose = checkUploadParams(params);
    const { signal } = options;
    if (signal?.aborted) throw new UploadAbortedError(signal.reason);
    const preflight = options.preflight === undefined ? this.#options.preflight : normalizePreflight(options.preflight);
    const checked = await this.#check(params.file, purpose, preflight, options);
    try {
      return await this.#send(params, options, purpose, checked);
    } finally {
      await checked.release();
    }
  }

  /**
   * Opens and checks the source within the same `timeout` as an attempt, and stops at once when
   * the caller aborts: a stalled stream never holds the call.
   */
  async #check(file: UploadSource, purpose: Purpose, preflight: PreflightLimits | false, options: RequestOptions): Promise<CheckedSource> {
    const timeoutMs = options.timeout ?? this.#options.timeout;
    const deadline = AbortSignal.timeout(timeoutMs);
    const phase = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const convert = options.convert === undefined ? this.#options.convert : normalizeConvert(options.convert);
    const settings = { convert: convert.enabled, trimToSeconds: options.trimTo, ffmpegPath: convert.ffmpegPath };
    const work = (async () => checkSource(await openSource(file), purpose, preflight, phase, settings))();
    try {
      return await settleBefore(phase, work);
    } catch (error) {
      // Checks that finish after the deadline still leave nothing behind (a temporary file).
      work.then(
        (checked) => checked.release(),
        () => {},
      );
      if (options.signal?.aborted) throw new UploadAbortedError(options.signal.reason ?? error);
      if (deadline.aborted) throw new UploadTimeoutError(timeoutMs, { phase: "while the source was opened and checked" });
      throw error;
    }
  }

  /** Sends a checked source, retrying as the policy allows. */
  async #send(params: UploadParams, options: RequestOptions, purpose: Purpose, checked: CheckedSource): Promise<UploadedWithResponse> {
    const { signal } = options;
    const named = params.filename ?? checked.source.name ?? (checked.format ? `audio.${checked.format}` : "audio");
    // Converted audio keeps its name with the extension of what is sent (take.flac → take.wav).
    const filename = checked.convertedTo ? `${named.replace(/\.[^./\\]*$/, "")}.${checked.convertedTo}` : named;
    const contentType =
      (checked.convertedTo ? contentTypeByFormat[checked.convertedTo] : params.contentType) ??
      (checked.format ? contentTypeByFormat[checked.format] : undefined) ??
      checked.source.declaredType ??
      contentTypeForFilename(filename) ??
      defaultContentType;
    const upload: PreparedUpload = {
      purpose,
      file: { field: "file", filename, contentType },
      // One reporter for every attempt: a retry's bytes count only once they pass the last attempt's.
      progress: new ProgressReporter(checked.source.size, options.onProgress),
    };
    const policy = retryPolicy(options, this.#options.retry);
    const timeoutMs = options.timeout ?? this.#options.timeout;
    let { source } = checked;

    for (let attempt = 1; ; attempt++) {
      try {
        // A file on disk is reopened for each retry, so a retry reads the file as it is now.
        if (attempt > 1) source = await source.reopen();
        return await this.#attempt({ ...checked, source }, upload, options, timeoutMs, attempt);
      } catch (error) {
        if (!(error instanceof MiniMaxFilesError)) throw error;
        const decision = decideRetry(policy, { error, attempt, replayable: source.replayable, aborted: signal?.aborted ?? false });
        if (!decision.retry) {
          if (decision.why === "one-shot") error.message += oneShotNote;
          throw error;
        }
        options.onRetry?.({ attempt, delayMs: decision.delayMs, error });
        try {
          await sleep(decision.delayMs, signal);
        } catch (reason) {
          throw new UploadAbortedError(reason, attempt);
        }
      }
    }
  }

  /** Attempt number `attempt`: sends the body and reads the answer, within `timeoutMs`. */
  async #attempt(
    checked: CheckedSource,
    upload: PreparedUpload,
    options: RequestOptions,
    timeoutMs: number,
    attempt: number,
  ): Promise<UploadedWithResponse> {
    const { signal } = options;
    if (signal?.aborted) throw new UploadAbortedError(signal.reason, attempt - 1);
    const prepared = await this.#transport.prepare({
      checked,
      fields: { purpose: upload.purpose },
      file: upload.file,
      progress: upload.progress,
      attempt,
    });
    const timeout = AbortSignal.timeout(timeoutMs);
    const observer: AttemptObserver = { response: undefined };

    let result;
    try {
      result = await this.#api.POST(gatewayUploadPath, {
        // The typed body names the spec's fields; the bytes travel in `prepared.body` (a stream
        // or a Blob framed as multipart/form-data, or nothing when the transport writes them),
        // which the serializer returns as is.
        body: { purpose: upload.purpose, file: prepared.body as Blob },
        bodySerializer: () => prepared.body,
        parseAs: "text",
        // Uploads never follow redirects. With a caller's fetch in Node (undici), following one
        // would also make it keep the whole body for a replay (nodejs/undici#4058).
        redirect: "error",
        headers: {
          ...this.#options.defaultHeaders,
          ...options.headers,
          ...prepared.headers,
          Authorization: `Bearer ${this.#options.apiKey}`,
        },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        middleware: [boundedResponse(this.#options.maxResponseBytes, observer)],
        ...(prepared.streamed ? ({ duplex: "half" } as object) : {}),
        ...(prepared.fetch ? { fetch: prepared.fetch } : {}),
      });
    } catch (error) {
      throw this.#failure(error, { signal, timeout, timeoutMs, attempt, observer, guard: prepared.guard?.failure });
    }
    if (!prepared.reportsProgress) upload.progress.report(checked.source.size ?? 0);
    const file = readUploadResponse(result.response, result.data ?? result.error, this.#options.baseURL, attempt);
    return { file, response: result.response };
  }

  /** The typed error for an attempt that got no usable answer. */
  #failure(
    error: unknown,
    context: {
      signal: AbortSignal | undefined;
      timeout: AbortSignal;
      timeoutMs: number;
      attempt: number;
      observer: AttemptObserver;
      guard: MiniMaxFilesError | undefined;
    },
  ): MiniMaxFilesError {
    const { attempt } = context;
    if (context.signal?.aborted) return new UploadAbortedError(context.signal.reason ?? error, attempt);
    if (context.guard) return context.guard;
    if (context.timeout.aborted) return new UploadTimeoutError(context.timeoutMs, { attempts: attempt });
    const answered = context.observer.response;
    if (answered) {
      const info = responseInfo(answered, attempt);
      if (error instanceof ResponseTooLargeError) {
        return new InvalidResponseError("too-large", `the body is larger than ${error.limit} bytes; the rest was not read`, info);
      }
      const problem = `the body broke off before its end (${describeCause(error)})`;
      // A failing server's answer that also breaks off is still a server failure: retried.
      if (info.httpStatus >= 500) return HTTPError.fromStatus(info, `(${problem})`);
      return new InvalidResponseError("truncated", problem, info);
    }
    if (/redirect/i.test(describeCause(error))) {
      return new ConnectionError(this.uploadURL, error, {
        retryable: false,
        hint: "It answered with a redirect, which uploads do not follow: point baseURL at the final host",
        attempts: attempt,
      });
    }
    return new ConnectionError(this.uploadURL, error, { attempts: attempt });
  }
}
