import { Readable } from "node:stream";
import type { HttpBindings } from "@hono/node-server";
import type { MiniMaxFiles, Purpose } from "@minimax-files/core";
import type { Context } from "hono";
import { respondWithError, statusCodes } from "../error-body.js";
import { idempotent, refuseMalformedKey, validIdempotencyKey } from "../idempotency/idempotent.js";
import type { IdempotencyStore } from "../idempotency/store.js";
import { IntakeError } from "../intake/intake-error.js";
import { type IntakeLimits, type MultipartIntake, openMultipartIntake } from "../intake/multipart-intake.js";
import type { AdmissionVariables } from "../middleware/admission.js";
import type { CallerVariables } from "../middleware/caller-auth.js";
import { minimaxJson } from "../minimax-json.js";
import type { ServerLogger } from "../observability/logger.js";
import { recordOf } from "../observability/request-record.js";
import type { OwnershipStore } from "../ownership/store.js";
import { requestHeader } from "../request-header.js";
import { verdictForUploadError } from "../upstream/answer.js";
import { upstreamOutcome } from "../upstream/outcome.js";

/** What the upload route needs. */
export interface UploadRouteOptions {
  /** The core client holding the upstream key. */
  client: MiniMaxFiles;
  limits: IntakeLimits;
  /** Texts never to pass on to a caller (the upstream key). */
  secrets: readonly string[];
  log: ServerLogger;
  /** Where `Idempotency-Key` records live. */
  idempotency: IdempotencyStore;
  /** How long an upload in progress holds its `Idempotency-Key`. */
  idempotencyPendingMs: number;
  /** Convert audio MiniMax does not take (core's `convert`). */
  convert?: boolean | undefined;
  /** Where the server records which caller uploaded each file. */
  ownership: OwnershipStore;
}

type UploadContext = Context<{ Bindings: Partial<HttpBindings>; Variables: AdmissionVariables & CallerVariables }>;

/** How long a successful upload waits for the caller's closing boundary before answering. */
const closingBoundaryWaitMs = 1_000;

/** Part types that say nothing about the audio: core sniffs the bytes instead. */
const uninformativeTypes = new Set(["application/octet-stream", "text/plain", ""]);

/**
 * `POST /minimax/v1/files/upload`: reads the caller's multipart body as a stream and hands the
 * file part to core as it arrives (core checks its head, counts its size and streams it upstream
 * with backpressure), then answers as the server README's table says. One upstream attempt per
 * caller request: the body is a one-shot stream, so the caller retries, told by `x-should-retry`
 * and `Retry-After`. With an `Idempotency-Key`, see `idempotency/idempotent.ts`.
 */
export function uploadRoute(options: UploadRouteOptions) {
  return async (c: UploadContext): Promise<Response> => {
    const key = requestHeader(c, "idempotency-key");
    if (key !== undefined && !validIdempotencyKey(key)) return refuseMalformedKey(c);
    const { incoming } = c.env ?? {};
    let intake: MultipartIntake;
    try {
      const body =
        incoming ?? (c.req.raw.body ? Readable.fromWeb(c.req.raw.body as import("node:stream/web").ReadableStream) : Readable.from([]));
      const headers = incoming?.headers ?? Object.fromEntries(c.req.raw.headers);
      intake = await openMultipartIntake(
        body,
        headers,
        { ...options.limits, maxBodyBytes: c.get("maxBodyBytes") },
        { fingerprint: key !== undefined },
      );
    } catch (error) {
      if (error instanceof IntakeError) return respondWithError(c, error.answer);
      throw error;
    }
    const token = c.get("uploadToken");
    if (token && intake.purpose !== token.purpose) {
      intake.stop();
      return respondWithError(c, {
        status: 422,
        code: statusCodes.invalidParameters,
        message: `invalid input parameters: this upload token allows purpose ${token.purpose} only, got "${intake.purpose}"`,
        shouldRetry: false,
      });
    }
    if (key === undefined) return upload(c, intake, options);
    const scope = `${c.get("caller").name}:${key}`;
    const answer = await idempotent(c, options.idempotency, scope, intake, options.idempotencyPendingMs, () => upload(c, intake, options));
    recordOf(c).bytesIn = intake.bytesReceived;
    return answer;
  };
}

/** Streams the file part upstream through core and answers with what came back. */
async function upload(c: UploadContext, intake: MultipartIntake, options: UploadRouteOptions): Promise<Response> {
  const lease = c.get("lease");
  // The upstream request stops when the server stops waiting (drain deadline) or the caller goes away.
  const { signal } = lease;
  const record = recordOf(c);

  try {
    const result = await options.client.uploadWithResponse(
      {
        file: intake.file,
        purpose: intake.purpose as Purpose,
        filename: intake.filename,
        contentType: uninformativeTypes.has(intake.contentType) ? undefined : intake.contentType,
      },
      { signal, maxRetries: 0, convert: options.convert ?? false },
    );
    await intake.finished(closingBoundaryWaitMs);
    record.bytesIn = intake.bytesReceived;
    // The file is the caller's (an upload token's caller, for a page): only it (and administrators) will see it.
    await options.ownership
      .record(result.file.file_id, c.get("caller").name)
      .catch((error: unknown) =>
        options.log.error(
          { requestId: record.requestId, fileId: result.file.file_id, cause: String(error) },
          "the upload's owner could not be recorded: only administrators will see it",
        ),
      );
    record.upstream = { httpStatus: result.httpStatus, code: 0, traceId: result.traceId };
    if (result.traceId) c.header("Trace-Id", result.traceId);
    return minimaxJson(c, { file: result.file, base_resp: { status_code: 0, status_msg: "success" } });
  } catch (error) {
    const intakeFailure = intake.failure;
    intake.stop();
    record.bytesIn = intake.bytesReceived;
    record.upstream = upstreamOutcome(error);
    if (intakeFailure) {
      options.log.info({ requestId: record.requestId, reason: intakeFailure.message }, "upload dropped: the caller's body failed");
      return respondWithError(c, intakeFailure.answer);
    }
    if (lease.stoppedBy === "shutdown") {
      options.log.warn({ requestId: record.requestId }, "upload aborted: the drain deadline passed during shutdown");
      return respondWithError(c, {
        status: 503,
        code: statusCodes.upstreamError,
        message: "the server shut down before the upload finished; retry",
        shouldRetry: true,
        retryAfterSeconds: 1,
      });
    }
    const verdict = verdictForUploadError(error, options.secrets);
    if (verdict.operatorMessage) {
      options.log[verdict.answer.shouldRetry ? "warn" : "error"](
        { requestId: record.requestId, cause: verdict.operatorMessage, upstream: record.upstream },
        "upload failed upstream",
      );
    }
    return respondWithError(c, verdict.answer);
  }
}
