import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { MiniMaxFiles } from "@minimax-files/core";
import { createApp } from "./app.js";
import { configDefaults, type ServerConfig } from "./config.js";
import { MemoryIdempotencyStore, RedisIdempotencyStore } from "./idempotency/store.js";
import { InFlightUploads } from "./lifecycle/in-flight.js";
import { connectRedis } from "./limits/redis.js";
import { UploadLimits } from "./limits/upload-limits.js";
import { createServerLogger, type ServerLogger } from "./observability/logger.js";
import { ServerMetrics } from "./observability/metrics.js";
import { MemoryOwnershipStore, RedisOwnershipStore } from "./ownership/store.js";

/** A listening server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787`. */
  url: string;
  /**
   * Shuts down gracefully: `/readyz` answers 503 at once, new connections are refused, uploads
   * in flight get `drainTimeoutMs` (default: the config's) to finish, then are aborted (their
   * upstream requests too) and answered 503; resolves once every connection is closed.
   */
  shutdown(drainTimeoutMs?: number): Promise<{ aborted: number }>;
  /** Shuts down without waiting for uploads in flight (`shutdown(0)`). */
  close(): Promise<void>;
  /** The server's logger. */
  log: ServerLogger;
}

/** Time allowed for a request's headers to arrive. */
const headersTimeoutMs = 30_000;

/**
 * Starts the HTTP server for a configuration and resolves once it listens (after connecting to
 * Redis when `redisURL` is set; it rejects when Redis cannot be reached then). Requests with
 * `Expect: 100-continue` are handled by the app itself, which invites the body only after the
 * caller is authenticated and admitted.
 */
export async function startServer(config: ServerConfig, logger?: ServerLogger): Promise<RunningServer> {
  const secrets = [config.upstreamApiKey, ...config.callerTokens, ...(config.uploadTokenSecret ? [config.uploadTokenSecret] : [])];
  const log = logger ?? createServerLogger({ level: config.logLevel, secrets });
  const client = new MiniMaxFiles({
    apiKey: config.upstreamApiKey,
    baseURL: config.upstreamBaseURL,
    maxRetries: 0,
    timeout: config.upstreamTimeoutMs,
  });
  const inFlight = new InFlightUploads(config.maxConcurrentUploads, {
    length: config.queueLength ?? configDefaults.MINIMAX_FILES_QUEUE_LENGTH,
    waitMs: config.queueWaitMs ?? configDefaults.MINIMAX_FILES_QUEUE_WAIT_MS,
  });
  const redis = config.redisURL ? await connectRedis(config.redisURL, log) : undefined;
  const limits = new UploadLimits({
    upstreamRequestsPerMinute: config.upstreamRequestsPerMinute ?? configDefaults.MINIMAX_FILES_UPSTREAM_RPM,
    redis,
    leaseMs: config.upstreamTimeoutMs + config.idleTimeoutMs + 60_000,
  });
  const app = createApp({
    client,
    callers: config.callers,
    callerTokens: config.callers ? [] : config.callerTokens,
    maxBodyBytes: config.maxBodyBytes,
    idleTimeoutMs: config.idleTimeoutMs,
    upstreamTimeoutMs: config.upstreamTimeoutMs + config.idleTimeoutMs,
    inFlight,
    limits,
    secrets,
    logger: log,
    metrics: new ServerMetrics(
      () => inFlight.size,
      () => ({ now: inFlight.waiting, total: inFlight.queuedTotal }),
    ),
    uploadTokenSecret: config.uploadTokenSecret,
    convert: config.convert,
    recordPage: config.recordPage,
    cors: config.corsOrigins?.length ? { origins: config.corsOrigins, credentials: config.corsAllowCredentials ?? false } : undefined,
    idempotency: redis ? new RedisIdempotencyStore(redis) : new MemoryIdempotencyStore(),
    ownership: redis ? new RedisOwnershipStore(redis) : new MemoryOwnershipStore(),
  });
  // The app decides what happens to an unread body (see middleware/close-unread-body.ts).
  const honoListener = getRequestListener(app.fetch, { autoCleanupIncoming: false });
  // HTTP/1.0 has no Host header (HAProxy's default `option httpchk` sends `GET /healthz HTTP/1.0`
  // with none); the adapter needs one to build the URL. HTTP/1.1 without Host is refused by Node.
  const listener: typeof honoListener = (incoming, outgoing) => {
    if (incoming.headers.host === undefined && incoming.httpVersion === "1.0") incoming.headers.host = "localhost";
    return honoListener(incoming, outgoing);
  };
  const server = createServer({ headersTimeout: headersTimeoutMs, requestTimeout: 0 }, listener);
  server.on("checkContinue", listener);

  return new Promise((resolve, reject) => {
    server.once("error", (error) => {
      redis?.disconnect();
      reject(error);
    });
    server.listen(config.port, config.host, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      const closed = new Promise<void>((done) => server.once("close", () => done()));
      let stopping: Promise<{ aborted: number }> | undefined;
      const shutdown = (drainTimeoutMs = config.drainTimeoutMs) =>
        (stopping ??= (async () => {
          server.close(); // refuses new connections; idle keep-alive ones close at once
          const drained = await inFlight.drain(drainTimeoutMs);
          server.closeAllConnections();
          await closed;
          redis?.disconnect();
          return drained;
        })());
      resolve({ url: `http://${host}:${info.port}`, shutdown, close: () => shutdown(0).then(() => undefined), log });
    });
  });
}
