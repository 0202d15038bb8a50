/**
 * Idempotency records: per caller and `Idempotency-Key`, an upload in progress (`pending`) or
 * the answer it got (`done`, kept 24 h), in memory for one instance or in Redis for all.
 * @module
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** An answer kept for replay. */
export interface StoredAnswer {
  /** SHA-256 of the purpose and file bytes that got this answer. */
  fingerprint: string;
  status: number;
  body: unknown;
  /** The answer's headers worth replaying (Trace-Id, x-should-retry, Retry-After). */
  headers: Record<string, string>;
}

/** What {@link IdempotencyStore.begin} found. */
export type Begun = { state: "new" } | { state: "pending" } | { state: "done"; answer: StoredAnswer };

/** Where idempotency records live. */
export interface IdempotencyStore {
  /** Marks `key` pending (for `pendingMs`) unless a record exists; says what was there. */
  begin(key: string, pendingMs: number): Promise<Begun>;
  /** Keeps the answer for `keepMs`. */
  complete(key: string, answer: StoredAnswer, keepMs: number): Promise<void>;
  /** Forgets a pending record (the upload failed in a way a retry may fix). */
  abandon(key: string): Promise<void>;
}

type IdempotencyRecord = { state: "pending" } | { state: "done"; answer: StoredAnswer };

/** Records in this process; expired ones are dropped when touched and swept now and then. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, { record: IdempotencyRecord; expires: number }>();
  #lastSweep = Date.now();

  async begin(key: string, pendingMs: number): Promise<Begun> {
    this.#sweep();
    const found = this.#records.get(key);
    if (found && found.expires > Date.now())
      return found.record.state === "done" ? { state: "done", answer: found.record.answer } : { state: "pending" };
    this.#records.set(key, { record: { state: "pending" }, expires: Date.now() + pendingMs });
    return { state: "new" };
  }

  async complete(key: string, answer: StoredAnswer, keepMs: number): Promise<void> {
    this.#records.set(key, { record: { state: "done", answer }, expires: Date.now() + keepMs });
  }

  async abandon(key: string): Promise<void> {
    this.#records.delete(key);
  }

  #sweep(): void {
    const now = Date.now();
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, { expires }] of this.#records) if (expires <= now) this.#records.delete(key);
  }
}

/** Records in Redis, shared by every instance: `SET NX PX` makes exactly one request the first. */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    readonly redis: Redis,
    readonly prefix = "minimax-files:idempotency:",
  ) {}

  async begin(key: string, pendingMs: number): Promise<Begun> {
    const redisKey = this.#key(key);
    const set = await this.redis.set(redisKey, JSON.stringify({ state: "pending" }), "PX", pendingMs, "NX");
    if (set === "OK") return { state: "new" };
    const found = await this.redis.get(redisKey);
    if (found === null) return this.begin(key, pendingMs); // expired in between
    const record = JSON.parse(found) as IdempotencyRecord;
    return record.state === "done" ? { state: "done", answer: record.answer } : { state: "pending" };
  }

  async complete(key: string, answer: StoredAnswer, keepMs: number): Promise<void> {
    await this.redis.set(this.#key(key), JSON.stringify({ state: "done", answer }), "PX", keepMs);
  }

  async abandon(key: string): Promise<void> {
    await this.redis.del(this.#key(key));
  }

  /** Keys are hashed: a caller's key may hold any characters. */
  #key(key: string): string {
    return this.prefix + createHash("sha256").update(key).digest("hex");
  }
}
