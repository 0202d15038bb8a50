import type { ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import type { MiddlewareHandler } from "hono";
import { respondWithError, statusCodes } from "../error-body.js";
import type { InFlightUploads, QueueRefusal, UploadLease } from "../lifecycle/in-flight.js";
import type { UploadLimits } from "../limits/upload-limits.js";
import { recordOf } from "../observability/request-record.js";
import { requestHeader } from "../request-header.js";
import type { CallerVariables } from "./caller-auth.js";

/** What {@link admission} hands the route: the upload's place among those in flight. */
export interface AdmissionVariables {
  lease: UploadLease;
  /** The body limit for this request: the server's, or the upload token's when smaller. */
  maxBodyBytes: number;
}

/** Options of {@link admission}. */
export interface AdmissionOptions {
  maxBodyBytes: number;
  inFlight: InFlightUploads;
  /** The caller's and the deployment's limits. */
  limits: UploadLimits;
}

/** `Retry-After` when the server is full or shutting down. */
const busyRetryAfterSeconds = 1;

/**
 * Admits an upload before a byte of its body is read (after authentication): refuses a
 * `Content-Length` over the limit (413) or malformed (400), answers 503 with `Retry-After`
 * when the uploads in flight are at the cap or the server is shutting down, and 429 with
 * `Retry-After` when the caller's limits or the deployment's upstream budget are spent (503
 * when the shared store of the limits cannot be reached). Only then, when the
 * caller asked with `Expect: 100-continue`, does it invite the body. The lease is released once
 * the upload's answer has been written (or its connection closed).
 */
export function admission(
  options: AdmissionOptions,
): MiddlewareHandler<{ Bindings: Partial<HttpBindings>; Variables: AdmissionVariables & CallerVariables }> {
  return async (c, next) => {
    const record = recordOf(c);
    const maxBodyBytes = Math.min(options.maxBodyBytes, c.get("uploadToken")?.maxBytes ?? Number.POSITIVE_INFINITY);
    c.set("maxBodyBytes", maxBodyBytes);
    const declared = requestHeader(c, "content-length");
    if (declared !== undefined) {
      if (!/^\d+$/.test(declared.trim())) {
        record.refusal = "bad-request";
        return respondWithError(c, {
          status: 400,
          code: statusCodes.invalidParameters,
          message: `the Content-Length header is not a number ("${declared.slice(0, 40)}")`,
          shouldRetry: false,
        });
      }
      if (Number(declared) > maxBodyBytes) {
        record.refusal = "size";
        return respondWithError(c, {
          status: 413,
          code: statusCodes.invalidParameters,
          message:
            `request body too large: ${declared} bytes declared, the limit is ` +
            `${maxBodyBytes}${maxBodyBytes < options.maxBodyBytes ? " (the upload token's)" : ""}`,
          shouldRetry: false,
        });
      }
    }
    if (options.inFlight.draining) {
      record.refusal = "draining";
      return respondWithError(c, {
        status: 503,
        code: statusCodes.upstreamError,
        message: "the server is shutting down; retry on another instance",
        shouldRetry: true,
        retryAfterSeconds: busyRetryAfterSeconds,
      });
    }
    // The caller's limits and the upstream budget refuse at once (429): waiting would not help.
    const verdict = await options.limits.admit(c.get("caller"));
    if (!verdict.admitted) {
      record.refusal = verdict.reason;
      const unavailable = verdict.reason === "limits-unavailable";
      return respondWithError(c, {
        status: unavailable ? 503 : 429,
        code: unavailable ? statusCodes.upstreamError : statusCodes.rateLimited,
        message: verdict.message,
        shouldRetry: true,
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    const releaseLimits = () => void verdict.release();
    const { incoming, outgoing } = c.env ?? {};
    const lease = options.inFlight.tryAcquire() ?? (await waitForPlace(options.inFlight, outgoing));
    if (typeof lease === "string") {
      releaseLimits();
      record.refusal = lease === "draining" ? "draining" : lease === "gone" ? "capacity" : lease;
      return respondWithError(c, {
        status: 503,
        code: statusCodes.upstreamError,
        message: lease === "draining" ? "the server is shutting down; retry on another instance" : busyMessage(lease, options.inFlight),
        shouldRetry: true,
        retryAfterSeconds: busyRetryAfterSeconds,
      });
    }
    // Over a socket, the upload counts as in flight until its answer is written (or the connection
    // is gone); a caller that leaves before that stops the upstream call too: the routes send with
    // the lease's signal alone. Without a socket (`app.fetch`), the request's own signal stops it.
    if (outgoing)
      outgoing.once("close", () => {
        if (!outgoing.writableFinished) lease.callerLeft();
        lease.release();
        releaseLimits();
      });
    else c.req.raw.signal.addEventListener("abort", () => lease.callerLeft(), { once: true });
    try {
      c.set("lease", lease);
      if (incoming && outgoing && /^100-continue$/i.test(incoming.headers.expect ?? "")) outgoing.writeContinue();
      await next();
    } finally {
      if (!outgoing) {
        lease.release();
        releaseLimits();
      } else if (options.inFlight.draining && !outgoing.headersSent) outgoing.setHeader("Connection", "close");
    }
  };
}

/** Beyond the cap a request waits its turn (bounded queue, bounded wait), its body unread, unless its caller goes away. */
async function waitForPlace(inFlight: InFlightUploads, outgoing: ServerResponse | undefined): Promise<UploadLease | QueueRefusal> {
  const gone = new AbortController();
  const onGone = () => gone.abort();
  outgoing?.once("close", onGone);
  try {
    return await inFlight.acquire(gone.signal);
  } finally {
    outgoing?.off("close", onGone);
  }
}

/** Why a request found no place, in the caller's words. */
function busyMessage(refusal: QueueRefusal, inFlight: InFlightUploads): string {
  const why = refusal === "queue-timeout" ? ` and none finished within ${inFlight.queue.waitMs} ms` : " and its queue is full";
  return `the server is at its limit of ${inFlight.limit} requests in flight${why}; retry shortly`;
}
