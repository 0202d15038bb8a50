/**
 * `Idempotency-Key` on uploads: the first request with a key (per caller) uploads; a repeat
 * with the same purpose and file bytes within 24 h gets the first one's answer again (header
 * `Idempotent-Replayed: true`) without uploading; a repeat while the first is still going gets
 * 409; a repeat with a different body gets 422. Answers a retry may change (x-should-retry:
 * true) are not kept, so the retry uploads.
 * @module
 */
import { finished } from "node:stream/promises";
import type { Context } from "hono";
import { respondWithError, statusCodes } from "../error-body.js";
import type { MultipartIntake } from "../intake/multipart-intake.js";
import type { IdempotencyStore, StoredAnswer } from "./store.js";

/** How long a kept answer is replayed. */
export const keepAnswersMs = 24 * 60 * 60_000;

/** Headers of an answer worth replaying. */
const replayedHeaders = ["trace-id", "x-should-retry", "retry-after", "content-type"];

/** An `Idempotency-Key` is accepted when it is 1-255 visible ASCII characters. */
export const validIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{1,255}$/.test(key);

/** The answer to a 400 for a malformed key. */
export function refuseMalformedKey(c: Context): Response {
  return respondWithError(c, {
    status: 400,
    code: statusCodes.invalidParameters,
    message: "the Idempotency-Key header must be 1 to 255 visible ASCII characters",
    shouldRetry: false,
  });
}

/**
 * Runs `upload` at most once per `scope` (caller and key): see the module's description.
 * @param pendingMs how long an upload in progress holds its key (longer than any upload takes; a crashed instance's key frees then)
 */
export async function idempotent(
  c: Context,
  store: IdempotencyStore,
  scope: string,
  intake: MultipartIntake,
  pendingMs: number,
  upload: () => Promise<Response>,
): Promise<Response> {
  let begun;
  try {
    begun = await store.begin(scope, pendingMs);
  } catch {
    intake.stop();
    return respondWithError(c, {
      status: 503,
      code: statusCodes.upstreamError,
      message: "the service cannot check Idempotency-Key records right now (its shared store is unreachable); retry shortly",
      shouldRetry: true,
      retryAfterSeconds: 1,
    });
  }
  if (begun.state === "pending") {
    intake.stop();
    return respondWithError(c, {
      status: 409,
      code: statusCodes.upstreamError,
      message: "an upload with this Idempotency-Key is still in progress; retry once it has finished",
      shouldRetry: true,
      retryAfterSeconds: 1,
    });
  }
  if (begun.state === "done") return replay(c, intake, begun.answer);

  let response: Response;
  try {
    response = await upload();
  } catch (error) {
    await store.abandon(scope).catch(() => {});
    throw error;
  }
  const fingerprint = intake.fingerprint();
  const final = response.status === 200 || response.headers.get("x-should-retry") === "false";
  try {
    if (fingerprint && final) await store.complete(scope, await storedAnswer(response, fingerprint), keepAnswersMs);
    else await store.abandon(scope);
  } catch {
    // The answer stands; a repeat then finds the pending record until it expires (409), never a second upload.
  }
  return response;
}

async function storedAnswer(response: Response, fingerprint: string): Promise<StoredAnswer> {
  const headers: Record<string, string> = {};
  for (const name of replayedHeaders) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { fingerprint, status: response.status, body: await response.clone().json(), headers };
}

/** Reads the repeat's body (to compare it), then replays the kept answer, or refuses a different body. */
async function replay(c: Context, intake: MultipartIntake, answer: StoredAnswer): Promise<Response> {
  intake.file.resume();
  await finished(intake.file).catch(() => {});
  if (intake.failure) return respondWithError(c, intake.failure.answer);
  if (intake.fingerprint() !== answer.fingerprint) {
    return respondWithError(c, {
      status: 422,
      code: statusCodes.invalidParameters,
      message: "this Idempotency-Key was used for a different upload (another purpose or file); use a new key for a new upload",
      shouldRetry: false,
    });
  }
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { ...answer.headers, "Idempotent-Replayed": "true" },
  });
}
