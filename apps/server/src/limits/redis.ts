import { Redis } from "ioredis";
import type { ServerLogger } from "../observability/logger.js";

/** How long to wait for Redis at start, and for one command. */
const connectTimeoutMs = 3_000;

/**
 * Connects to the Redis the limits are shared through, and resolves once it answers; rejects
 * with a clear error when it cannot be reached at start. Afterwards commands fail fast while
 * Redis is away (no offline queue, one try), so a request is refused at once (503) rather than
 * held, and the client reconnects in the background.
 */
export async function connectRedis(url: string, log: ServerLogger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: connectTimeoutMs,
    commandTimeout: connectTimeoutMs,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let lastState = "";
  const report = (state: string, fields: Record<string, unknown> = {}) => {
    if (state === lastState) return;
    lastState = state;
    log[state === "ready" ? "info" : "warn"]({ redis: state, ...fields }, `redis ${state}`);
  };
  redis.on("ready", () => report("ready"));
  redis.on("error", (error: Error) => report("unreachable", { cause: error.message }));
  redis.on("reconnecting", () => report("unreachable", { cause: "the connection closed; reconnecting" }));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`REDIS_URL: cannot connect to Redis (${(error as Error).message})`);
  }
  return redis;
}
