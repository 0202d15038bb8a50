/**
 * The limits an upload passes before its body is read: the caller's uploads per minute and
 * uploads in flight, and the deployment's upstream budget (MiniMax's per-account limit), in
 * memory or shared through Redis.
 * @module
 */
import type { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Caller } from "../callers/callers.js";
import { type LeasePool, MemoryLeasePool, RedisLeasePool } from "./lease-pool.js";

/** Why an upload was refused by a limit. */
export type LimitReason = "rate" | "concurrency" | "upstream-budget" | "limits-unavailable";

/** The outcome of {@link UploadLimits.admit}. */
export type LimitVerdict =
  | { admitted: true; release: () => Promise<void> }
  | { admitted: false; reason: LimitReason; message: string; retryAfterSeconds: number };

/** Options of {@link UploadLimits}. */
export interface UploadLimitsOptions {
  /** Uploads per minute the whole deployment may send upstream. */
  upstreamRequestsPerMinute: number;
  /** Shares the limits between instances; in memory when absent. */
  redis?: Redis | undefined;
  /** How long an unreleased lease counts (longer than any upload can take). */
  leaseMs: number;
}

const minute = 60;

/** Every limit of every caller, and the upstream budget. */
export class UploadLimits {
  readonly #options: UploadLimitsOptions;
  readonly #perCaller = new Map<string, RateLimiterAbstract>();
  readonly #upstream: RateLimiterAbstract;
  readonly #leases: LeasePool;

  constructor(options: UploadLimitsOptions) {
    this.#options = options;
    this.#upstream = this.#rateLimiter("upstream", options.upstreamRequestsPerMinute);
    this.#leases = options.redis ? new RedisLeasePool(options.redis, options.leaseMs) : new MemoryLeasePool();
  }

  /** Whether the limits live in Redis (shared) or in this process. */
  get shared(): boolean {
    return this.#options.redis !== undefined;
  }

  /** Whether the limits can be checked now (Redis answers a PING; always, in memory). */
  async reachable(): Promise<boolean> {
    const { redis } = this.#options;
    if (!redis) return true;
    return redis.ping().then(
      () => true,
      () => false,
    );
  }

  /**
   * Admits one upload of `caller`, or says which limit refused it and when to retry. When Redis
   * cannot be reached, refuses with `limits-unavailable` (fail closed: no instance can tell how
   * much of the shared budget is left).
   */
  async admit(caller: Caller): Promise<LimitVerdict> {
    try {
      const rate = await consume(this.#callerLimiter(caller), caller.name);
      if (rate)
        return {
          admitted: false,
          reason: "rate",
          retryAfterSeconds: rate,
          message: `caller ${caller.name} is over its limit of ${caller.requestsPerMinute} uploads per minute; retry in ${rate} s`,
        };
      const release = await this.#leases.acquire(`caller:${caller.name}`, caller.concurrentUploads);
      if (!release)
        return {
          admitted: false,
          reason: "concurrency",
          retryAfterSeconds: 1,
          message: `caller ${caller.name} already has ${caller.concurrentUploads} uploads in flight, its limit; retry when one finishes`,
        };
      let budget: number | undefined;
      try {
        budget = await consume(this.#upstream, "all");
      } catch (error) {
        await release();
        throw error;
      }
      if (budget) {
        await release();
        return {
          admitted: false,
          reason: "upstream-budget",
          retryAfterSeconds: budget,
          message:
            `the service's upstream budget of ${this.#options.upstreamRequestsPerMinute} uploads per minute is spent; retry in ` +
            `${budget} s`,
        };
      }
      return { admitted: true, release };
    } catch {
      return {
        admitted: false,
        reason: "limits-unavailable",
        retryAfterSeconds: 1,
        message: "the service cannot check its limits right now (its shared store is unreachable); retry shortly",
      };
    }
  }

  #callerLimiter(caller: Caller): RateLimiterAbstract {
    const key = `${caller.name}:${caller.requestsPerMinute}`;
    let limiter = this.#perCaller.get(key);
    if (!limiter) {
      limiter = this.#rateLimiter("caller", caller.requestsPerMinute);
      this.#perCaller.set(key, limiter);
    }
    return limiter;
  }

  #rateLimiter(name: string, perMinute: number): RateLimiterAbstract {
    const keyPrefix = `minimax-files:${name}:${perMinute}`;
    const { redis } = this.#options;
    return redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points: perMinute, duration: minute })
      : new RateLimiterMemory({ keyPrefix, points: perMinute, duration: minute });
  }
}

/** Consumes one point: undefined when allowed, else the seconds until a point frees; throws when the store fails. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
    throw outcome;
  }
}
