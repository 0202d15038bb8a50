import { uploadPath, type MiniMaxFiles } from "@minimax-files/core";
import { Hono } from "hono";
import { configDefaults } from "./config.js";
import { respondWithError, statusCodes } from "./error-body.js";
import { InFlightUploads } from "./lifecycle/in-flight.js";
import { admission } from "./middleware/admission.js";
import { callerAuth } from "./middleware/caller-auth.js";
import { closeUnreadBody } from "./middleware/close-unread-body.js";
import { requestLog } from "./middleware/request-log.js";
import { healthRoutes } from "./routes/health.js";
import { uploadRoute } from "./routes/upload.js";
import { stderrLog, type ServerLog } from "./server-log.js";
import { scrubUpstreamText } from "./upstream/scrub.js";

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The core client holding the upstream key; every upload goes through it, one attempt per caller request. */
  client: MiniMaxFiles;
  /** Bearer tokens callers must present. */
  callerTokens: readonly string[];
  /** Largest request body accepted, in bytes: checked on `Content-Length` before reading, and counted as the body arrives. */
  maxBodyBytes: number;
  /** Longest pause in the middle of a caller's body before it is answered 408. Defaults to 30 s. */
  idleTimeoutMs?: number | undefined;
  /** Uploads in flight: the cap (503 beyond it) and the drain on shutdown. Defaults to a cap of 64. */
  inFlight?: InFlightUploads | undefined;
  /** Texts never to pass on to a caller or write to the log, e.g. the upstream API key. */
  secrets?: readonly string[] | undefined;
  /** Where log lines go. Defaults to stderr. Never given a token or key. */
  log?: ServerLog | undefined;
}

/**
 * The HTTP app: `POST /minimax/v1/files/upload` with MiniMax's contract, streamed through core
 * with the server's own upstream key, plus `GET /healthz` and `GET /readyz`. Does not listen;
 * see `startServer`, which also wires `Expect: 100-continue` and shutdown.
 */
export function createApp(options: AppOptions): Hono {
  const log = options.log ?? stderrLog;
  const secrets = options.secrets ?? [];
  const inFlight = options.inFlight ?? new InFlightUploads(configDefaults.MINIMAX_FILES_MAX_CONCURRENT_UPLOADS);
  const app = new Hono();
  app.use(requestLog(log));
  app.route("/", healthRoutes(inFlight));
  app.post(
    uploadPath,
    closeUnreadBody(),
    callerAuth(options.callerTokens),
    admission({ maxBodyBytes: options.maxBodyBytes, inFlight }),
    uploadRoute({
      client: options.client,
      limits: { maxBodyBytes: options.maxBodyBytes, idleTimeoutMs: options.idleTimeoutMs ?? configDefaults.MINIMAX_FILES_IDLE_TIMEOUT_MS },
      secrets,
      log,
    }),
  );
  // The one place where an unexpected error becomes an answer.
  app.onError((error, c) => {
    log("error", `unexpected error on ${c.req.method} ${c.req.path}: ${scrubUpstreamText(error.stack ?? String(error), secrets)}`);
    return respondWithError(c, { status: 500, code: statusCodes.upstreamError, message: "internal error in the upload service", shouldRetry: true });
  });
  return app;
}
