import type { MiniMaxFiles } from "@minimax-files/core";
import { directPath, type GatewayPath, uploadPath } from "@minimax-files/core/hosts";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { type Caller, callersFromTokens } from "./callers/callers.js";
import { configDefaults } from "./config.js";
import { respondWithError, statusCodes } from "./error-body.js";
import { type IdempotencyStore, MemoryIdempotencyStore } from "./idempotency/store.js";
import { InFlightUploads } from "./lifecycle/in-flight.js";
import { UploadLimits } from "./limits/upload-limits.js";
import { admission } from "./middleware/admission.js";
import { callerAuth } from "./middleware/caller-auth.js";
import { closeUnreadBody } from "./middleware/close-unread-body.js";
import { requestLog } from "./middleware/request-log.js";
import { createServerLogger, type ServerLogger } from "./observability/logger.js";
import { ServerMetrics } from "./observability/metrics.js";
import { recordOf } from "./observability/request-record.js";
import { MemoryOwnershipStore, type OwnershipStore } from "./ownership/store.js";
import { docsRoutes } from "./routes/docs.js";
import { fileRoutes } from "./routes/files.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { recordRoutes } from "./routes/record.js";
import { uploadRoute } from "./routes/upload.js";
import { uploadTokenRoutes } from "./routes/upload-tokens.js";
import { scrubUpstreamText } from "./upstream/scrub.js";

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The core client holding the upstream key; every upload goes through it, one attempt per caller request. */
  client: MiniMaxFiles;
  /** The named callers and their limits. */
  callers?: readonly Caller[] | undefined;
  /** Plain bearer tokens of anonymous callers (named `caller-1`…, default limits), besides `callers`. */
  callerTokens?: readonly string[] | undefined;
  /** Largest request body accepted, in bytes: checked on `Content-Length` before reading, and counted as the body arrives. */
  maxBodyBytes: number;
  /** Longest pause in the middle of a caller's body before it is answered 408. Defaults to 30 s. */
  idleTimeoutMs?: number | undefined;
  /** Uploads in flight: the cap (503 beyond it) and the drain on shutdown. Defaults to a cap of 64. */
  inFlight?: InFlightUploads | undefined;
  /** The callers' limits and the upstream budget. Defaults to in-memory limits with the default budget. */
  limits?: UploadLimits | undefined;
  /** Texts never to pass on to a caller or write to the log, e.g. the upstream API key. */
  secrets?: readonly string[] | undefined;
  /** The logger (pino). Defaults to JSON lines on stdout, scrubbed of `secrets`. */
  logger?: ServerLogger | undefined;
  /** How long one upstream upload may take (the client's timeout); an upload in progress holds its `Idempotency-Key` a minute longer. */
  upstreamTimeoutMs?: number | undefined;
  /** Serve the recording page at `/record`. Off by default. */
  recordPage?: boolean | undefined;
  /** Convert audio MiniMax does not take to WAV with ffmpeg before uploading it. Off by default. */
  convert?: boolean | undefined;
  /** Where `Idempotency-Key` records live. Defaults to this process's memory. */
  idempotency?: IdempotencyStore | undefined;
  /** Signs and verifies upload tokens for web pages; `POST /v1/upload-tokens` answers 404 without it. */
  uploadTokenSecret?: string | undefined;
  /** Origins whose pages may call the server (`*` for any), and whether with credentials. None by default. */
  cors?: { origins: readonly string[]; credentials: boolean } | undefined;
  /** The metrics served at /metrics. Defaults to a registry of the app's own. */
  metrics?: ServerMetrics | undefined;
  /** Which caller uploaded each file. Defaults to this process's memory. */
  ownership?: OwnershipStore | undefined;
}

/**
 * The HTTP app: `POST /minimax/v1/files/upload` with MiniMax's contract, streamed through core
 * with the server's own upstream key; `GET /healthz`, `/readyz`, `/metrics`, `/docs`,
 * `/openapi.json` and `/openapi.yaml`. Does not listen; see `startServer`, which also wires
 * `Expect: 100-continue` and shutdown.
 */
export function createApp(options: AppOptions): Hono {
  const secrets = options.secrets ?? [];
  const log = options.logger ?? createServerLogger({ secrets });
  const inFlight = options.inFlight ?? new InFlightUploads(configDefaults.MINIMAX_FILES_MAX_CONCURRENT_UPLOADS);
  const metrics = options.metrics ?? new ServerMetrics(() => inFlight.size);
  const defaults = {
    requestsPerMinute: configDefaults.MINIMAX_FILES_CALLER_RPM,
    concurrentUploads: configDefaults.MINIMAX_FILES_CALLER_CONCURRENCY,
  };
  const callers = [...(options.callers ?? []), ...callersFromTokens(options.callerTokens ?? [], defaults)];
  const limits =
    options.limits ??
    new UploadLimits({
      upstreamRequestsPerMinute: configDefaults.MINIMAX_FILES_UPSTREAM_RPM,
      leaseMs: configDefaults.MINIMAX_FILES_UPSTREAM_TIMEOUT_MS + 60_000,
    });
  const app = new Hono();
  app.use(requestLog(log, metrics, [uploadPath, directPath(uploadPath as GatewayPath)]));
  if (options.cors?.origins.length) app.use("*", corsFor(options.cors));
  app.route("/", healthRoutes(inFlight, limits));
  app.route("/", metricsRoutes(metrics));
  app.route("/", docsRoutes());
  if (options.recordPage) app.route("/", recordRoutes());
  app.route("/", uploadTokenRoutes({ callers, secret: options.uploadTokenSecret, maxBodyBytes: options.maxBodyBytes }));
  const ownership = options.ownership ?? new MemoryOwnershipStore();
  const guards = [
    closeUnreadBody(),
    callerAuth(callers, { uploadTokenSecret: options.uploadTokenSecret }),
    admission({ maxBodyBytes: options.maxBodyBytes, inFlight, limits }),
  ] as const;
  // Every route at the spec's gateway path and at MiniMax's direct path (`/v1/files/...`), so a
  // client written for api.minimax.io works with only its host changed.
  const both = (path: GatewayPath) => [path, directPath(path)];
  const files = fileRoutes({ client: options.client, ownership, secrets, log });
  for (const path of both("/minimax/v1/files/list")) app.get(path, ...guards, files.list);
  for (const path of both("/minimax/v1/files/retrieve")) app.get(path, ...guards, files.retrieve);
  for (const path of both("/minimax/v1/files/retrieve_content")) app.get(path, ...guards, files.retrieveContent);
  for (const path of both("/minimax/v1/files/delete")) app.post(path, ...guards, files.delete);
  for (const path of both("/minimax/v1/voice_clone")) app.post(path, ...guards, files.clone);
  const upload = uploadRoute({
    client: options.client,
    limits: { maxBodyBytes: options.maxBodyBytes, idleTimeoutMs: options.idleTimeoutMs ?? configDefaults.MINIMAX_FILES_IDLE_TIMEOUT_MS },
    secrets,
    log,
    idempotency: options.idempotency ?? new MemoryIdempotencyStore(),
    convert: options.convert,
    idempotencyPendingMs: (options.upstreamTimeoutMs ?? configDefaults.MINIMAX_FILES_UPSTREAM_TIMEOUT_MS) + 60_000,
    ownership,
  });
  for (const path of both(uploadPath as GatewayPath)) app.post(path, ...guards, upload);
  // The one place where an unexpected error becomes an answer.
  app.onError((error, c) => {
    log.error(
      { requestId: recordOf(c).requestId, error: scrubUpstreamText(error.stack ?? String(error), secrets) },
      `unexpected error on ${c.req.method} ${c.req.path}`,
    );
    return respondWithError(c, {
      status: 500,
      code: statusCodes.upstreamError,
      message: "internal error in the upload service",
      shouldRetry: true,
    });
  });
  return app;
}

/**
 * CORS for the listed origins (hono's middleware): preflights are answered before
 * authentication; the headers a page needs to read (Trace-Id, Retry-After, x-should-retry, …)
 * are exposed. `*` allows any origin, never with credentials (config refuses that).
 */
function corsFor(options: { origins: readonly string[]; credentials: boolean }) {
  const any = options.origins.includes("*");
  return cors({
    origin: any ? "*" : (origin) => (options.origins.includes(origin) ? origin : null),
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "x-request-id"],
    exposeHeaders: ["Trace-Id", "x-request-id", "Retry-After", "x-should-retry", "Idempotent-Replayed"],
    credentials: options.credentials,
    maxAge: 600,
  });
}
