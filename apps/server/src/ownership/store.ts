import type { Redis } from "ioredis";

/**
 * Which caller uploaded each file: the server's record, so that a caller sees, downloads and
 * deletes only its own files. In this process's memory (lost on restart), or in Redis with
 * `REDIS_URL` (shared by every instance, kept across restarts).
 */
export interface OwnershipStore {
  /** Records that `caller` uploaded `fileId`. */
  record(fileId: string, caller: string): Promise<void>;
  /** The callers that uploaded each of `fileIds` (undefined: uploaded before records were kept, or elsewhere). */
  ownersOf(fileIds: readonly string[]): Promise<Array<string | undefined>>;
  /** Forgets a deleted file. */
  forget(fileId: string): Promise<void>;
}

/** Records in this process's memory. */
export class MemoryOwnershipStore implements OwnershipStore {
  readonly #owners = new Map<string, string>();

  async record(fileId: string, caller: string): Promise<void> {
    this.#owners.set(fileId, caller);
  }

  async ownersOf(fileIds: readonly string[]): Promise<Array<string | undefined>> {
    return fileIds.map((fileId) => this.#owners.get(fileId));
  }

  async forget(fileId: string): Promise<void> {
    this.#owners.delete(fileId);
  }
}

/** Records in one Redis hash (file id → caller), shared by every instance. */
export class RedisOwnershipStore implements OwnershipStore {
  constructor(
    readonly redis: Redis,
    readonly key = "minimax-files:owners",
  ) {}

  async record(fileId: string, caller: string): Promise<void> {
    await this.redis.hset(this.key, fileId, caller);
  }

  async ownersOf(fileIds: readonly string[]): Promise<Array<string | undefined>> {
    if (fileIds.length === 0) return [];
    return (await this.redis.hmget(this.key, ...fileIds)).map((owner) => owner ?? undefined);
  }

  async forget(fileId: string): Promise<void> {
    await this.redis.hdel(this.key, fileId);
  }
}
