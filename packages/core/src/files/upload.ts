/**
 * `POST /minimax/v1/files/upload`: the source is opened and checked once (the pre-flight rules of
 * its purpose), then sent through the engine, each attempt framing the same checked source as
 * multipart/form-data with the client's transport.
 * @module
 */
import type { CheckedSource } from "../audio/checked-source.js";
import type { PreflightLimits } from "../audio/limits.js";
import { checkSource } from "../audio/preflight.js";
import { contentTypeByFormat } from "../audio/sniff.js";
import { type ConvertOptions, normalizeConvert, normalizePreflight } from "../client-options.js";
import { contentTypeForFilename, defaultContentType } from "../content-type.js";
import { Deadline } from "../engine/deadline.js";
import { sendingWith } from "../engine/direct-client.js";
import type { Answered, Attempt, Operation, RequestEngine } from "../engine/request-engine.js";
import type { RequestOptions } from "../engine/request-options.js";
import { AbortedError, responseInfo, TimeoutError } from "../errors.js";
import { gatewayUploadPath } from "../hosts.js";
import { type HttpAnswer, withResponseOf } from "../http-answer.js";
import type { MultipartFile } from "../multipart.js";
import { ProgressReporter } from "../progress.js";
import type { Purpose } from "../purpose.js";
import { readUploadResponse } from "../read-response.js";
import { settleBefore, settledWithin } from "../settle-before.js";
import { openSource } from "../sources/open-source.js";
import type { UploadSource } from "../sources/types.js";
import type { Transport } from "../transport/choose-transport.js";
import { checkUploadParams } from "../upload-params.js";
import type { UploadedFile } from "../uploaded-file.js";

/** Parameters of an upload. */
export interface UploadParams {
  /** The file. See {@link UploadSource} for every accepted kind. */
  file: UploadSource;
  /** What the file is for. Defaults to `voice_clone`. */
  purpose?: Purpose | undefined;
  /** Filename sent with the file part. Defaults to the source's name (path basename, `File.name`, URL segment), else `audio.<format>`. */
  filename?: string | undefined;
  /** Content type of the file part. Defaults to the type sniffed from the bytes, else the source's declared type. */
  contentType?: string | undefined;
}

/** Options of an upload: those of every call, and the checks and conversion of the file. */
export interface UploadOptions extends RequestOptions {
  /** Overrides the client's `preflight` option for this upload. */
  preflight?: boolean | PreflightLimits | undefined;
  /** Overrides the client's `convert` option for this upload (Node only). */
  convert?: boolean | ConvertOptions | undefined;
  /**
   * Node only: cut audio longer than this many seconds to it (e.g. 300 for `voice_clone`'s 5 minutes),
   * converting it with ffmpeg. Never done unless asked; too-short audio is still refused.
   */
  trimTo?: number | undefined;
}

/** What `uploadWithResponse` returns. */
export interface UploadResult {
  /** What MiniMax stored. */
  file: UploadedFile;
  /** The raw HTTP answer; its body has been read. Made when first read: prefer `httpStatus` for the status alone. */
  response: Response;
  /** The answer's HTTP status (`response.status`, read without making the `Response`). */
  httpStatus: number;
  /** MiniMax's `Trace-Id` header. */
  traceId: string | undefined;
  /** The `x-request-id` header, when sent. */
  requestId: string | undefined;
}

/** Appended to the message of a retryable error that was not retried because its source is a one-shot stream. */
const oneShotNote =
  ". Not retried: the source is a one-shot stream, which cannot be sent twice (pass a path, Blob or bytes to allow retries)";

/** How long a stopped check may take to delete what it wrote before the call rejects regardless. */
const cleanupGraceMs = 1_000;

/** What a sent upload got: the file MiniMax stored and the answer it came in (headers unread). */
export interface UploadAnswer {
  file: UploadedFile;
  response: HttpAnswer;
}

/** An upload whose file has passed its checks, ready to send. */
export interface CheckedUpload {
  /** Sends it (retrying as the engine's rules allow). */
  send(): Promise<UploadAnswer>;
  /** Deletes what the checks left on disk; call once, however the upload ended. */
  release(): Promise<void>;
}

/**
 * Opens and checks one upload's file, sending nothing: what a caller that must check several
 * files before sending any (a voice clone's recording and prompt) runs first.
 */
export async function checkUpload(
  engine: RequestEngine,
  transport: Transport,
  params: UploadParams,
  options: UploadOptions,
): Promise<CheckedUpload> {
  const purpose = checkUploadParams(params);
  const preflight = options.preflight === undefined ? engine.options.preflight : normalizePreflight(options.preflight);
  const checked = await check(engine, params.file, purpose, preflight, options);
  return {
    send: async () => {
      const { value: file, response } = await engine.attempts(
        uploadOperation(engine, transport, params, options, purpose, checked),
        options,
      );
      return { file, response };
    },
    release: () => checked.release(),
  };
}

/** An {@link UploadResult} of what an upload got: its answer's `Trace-Id` and `x-request-id` read (`upload` alone reads neither). */
export function uploadResultOf({ file, response }: UploadAnswer): UploadResult {
  const { httpStatus, traceId, requestId } = responseInfo(response);
  return withResponseOf({ file, httpStatus, traceId, requestId }, response);
}

/** Uploads one file: checks it, then sends it through the engine. */
export function upload(engine: RequestEngine, transport: Transport, params: UploadParams, options: UploadOptions): Promise<UploadAnswer> {
  return engine.call(options, "upload", async () => {
    const checked = await checkUpload(engine, transport, params, options);
    try {
      return await checked.send();
    } finally {
      await checked.release();
    }
  });
}

/**
 * Opens and checks the source within the same `timeout` as an attempt, and stops at once when
 * the caller aborts: a stalled stream never holds the call.
 */
async function check(
  engine: RequestEngine,
  file: UploadSource,
  purpose: Purpose,
  preflight: PreflightLimits | false,
  options: UploadOptions,
): Promise<CheckedSource> {
  const timeoutMs = options.timeout ?? engine.options.timeout;
  const deadline = new Deadline(timeoutMs, options.signal);
  const convert = options.convert === undefined ? engine.options.convert : normalizeConvert(options.convert);
  const settings = { convert: convert.enabled, trimToSeconds: options.trimTo, ffmpegPath: convert.ffmpegPath };
  const work = (async () => {
    const opened = await openSource(file);
    try {
      // The deadline's signal (the caller's and the timeout's, as one) is made only if the checks ask for it.
      const checked = await checkSource(opened, purpose, preflight, deadline, settings);
      // A path's handle stays open from the checks to the send; released with what the checks wrote.
      const { source, format, maxBytes, convertedTo } = checked;
      const release = async () => {
        await opened.close();
        await checked.release();
      };
      return { source, format, maxBytes, release, convertedTo };
    } catch (error) {
      await opened.close();
      throw error;
    }
  })();
  try {
    return await settleBefore(deadline, work);
  } catch (error) {
    // The checks watch the same deadline and delete what they wrote (a temporary file, ffmpeg's
    // output) when it stops them; the call rejects once they have, so it leaves nothing behind.
    // Checks that finish regardless are released; ones that never notice hold the call briefly.
    await settledWithin(
      work.then((checked) => checked.release()),
      cleanupGraceMs,
    );
    if (options.signal?.aborted) throw new AbortedError(options.signal.reason ?? error);
    if (deadline.expired) throw new TimeoutError(timeoutMs, { phase: "while the source was opened and checked" });
    throw error;
  } finally {
    deadline.clear();
  }
}

/** The upload of a checked source, as the engine runs it. */
function uploadOperation(
  engine: RequestEngine,
  transport: Transport,
  params: UploadParams,
  options: UploadOptions,
  purpose: Purpose,
  checked: CheckedSource,
): Operation<UploadedFile> {
  const file = multipartFile(params, checked);
  // One reporter for every attempt: a retry's bytes count only once they pass the last attempt's.
  const progress = new ProgressReporter(checked.source.size, options.onProgress);
  let { source } = checked;
  return {
    name: "upload",
    path: gatewayUploadPath,
    idempotent: false,
    replayable: () => source.replayable,
    // A file on disk is reopened for each retry, so a retry reads the file as it is now.
    beforeRetry: async () => {
      await source.close();
      source = await source.reopen();
    },
    notReplayableNote: oneShotNote,
    send: async (attempt: Attempt): Promise<Answered<UploadedFile>> => {
      const prepared = await transport.prepare({
        source,
        maxBytes: checked.maxBytes,
        fields: { purpose },
        file,
        progress,
        attempt: attempt.number,
        answerLimit: engine.options.maxResponseBytes,
      });
      attempt.guard = prepared.guard;
      const result = await engine.api.POST(
        gatewayUploadPath,
        attempt.callOptions({
          // The typed body names the spec's fields; the bytes travel in `prepared.body` (a stream
          // or a Blob framed as multipart/form-data, or nothing when the transport writes them),
          // which the serializer returns as is. Uploads never follow redirects: with a caller's
          // fetch in Node (undici), following one would also keep the whole body for a replay
          // (nodejs/undici#4058).
          body: { purpose, file: prepared.body as Blob },
          bodySerializer: () => prepared.body,
          headers: { ...attempt.init.headers, ...prepared.headers },
          duplex: prepared.streamed ? "half" : undefined,
          fetch: prepared.fetch ? sendingWith(prepared.fetch) : undefined,
        }),
      );
      if (!prepared.reportsProgress) progress.report(source.size ?? 0);
      const uploaded = readUploadResponse(result.response, result.data ?? result.error, engine.options.baseURL, attempt.number);
      return { value: uploaded, response: result.response };
    },
  };
}

/** The file part's name and content type. */
function multipartFile(params: UploadParams, checked: CheckedSource): MultipartFile {
  const named = params.filename ?? checked.source.name ?? (checked.format ? `audio.${checked.format}` : "audio");
  // Converted audio keeps its name with the extension of what is sent (take.flac → take.wav).
  const filename = checked.convertedTo ? `${named.replace(/\.[^./\\]*$/, "")}.${checked.convertedTo}` : named;
  const contentType =
    (checked.convertedTo ? contentTypeByFormat[checked.convertedTo] : params.contentType) ??
    (checked.format ? contentTypeByFormat[checked.format] : undefined) ??
    checked.source.declaredType ??
    contentTypeForFilename(filename) ??
    defaultContentType;
  return { field: "file", filename, contentType };
}
