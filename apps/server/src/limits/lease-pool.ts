/**
 * A counting semaphore with expiring leases: at most `size` holders per key at once. In memory
 * for one instance, or in Redis (a sorted set of lease ids scored by expiry, updated by one Lua
 * script) so that instances share it; a lease an instance never released (it crashed) expires.
 * rate-limiter-flexible limits rates, not concurrency, hence this small piece of our own.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Where leases are counted. */
export interface LeasePool {
  /** Takes a lease on `key` if fewer than `size` are held; returns its release, or undefined when full. */
  acquire(key: string, size: number): Promise<(() => Promise<void>) | undefined>;
}

/** Leases held in this process. */
export class MemoryLeasePool implements LeasePool {
  readonly #held = new Map<string, number>();

  async acquire(key: string, size: number): Promise<(() => Promise<void>) | undefined> {
    const held = this.#held.get(key) ?? 0;
    if (held >= size) return undefined;
    this.#held.set(key, held + 1);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const now = (this.#held.get(key) ?? 1) - 1;
      if (now > 0) this.#held.set(key, now);
      else this.#held.delete(key);
    };
  }
}

/** Drops expired leases, then adds one if fewer than ARGV[1] remain; 1 when taken. */
const acquireScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** Leases in Redis, shared by every instance on it; each expires after `leaseMs` unless released. */
export class RedisLeasePool implements LeasePool {
  constructor(
    readonly redis: Redis,
    readonly leaseMs: number,
    readonly prefix = "minimax-files:leases:",
  ) {}

  async acquire(key: string, size: number): Promise<(() => Promise<void>) | undefined> {
    const redisKey = this.prefix + key;
    const id = randomUUID();
    const now = Date.now();
    const taken = await this.redis.eval(acquireScript, 1, redisKey, size, now, now + this.leaseMs, id, this.leaseMs);
    if (taken !== 1) return undefined;
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      // A release that cannot reach Redis leaves the lease to expire.
      await this.redis.zrem(redisKey, id).catch(() => {});
    };
  }
}
