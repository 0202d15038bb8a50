import { createHash } from "node:crypto";

/** A named caller of the server: its token (stored as a SHA-256 digest) and its limits. */
export interface Caller {
  /** Shown in logs and metrics; never the token. */
  name: string;
  /** SHA-256 of the bearer token, hex. */
  tokenSha256: string;
  /** Uploads per minute this caller may start. */
  requestsPerMinute: number;
  /** Uploads this caller may have in flight at once. */
  concurrentUploads: number;
  /** An administrator sees, downloads and deletes every file, whoever uploaded it (callers file only). */
  admin?: boolean | undefined;
}

/** Per-caller limits when a caller has no override. */
export interface CallerLimits {
  requestsPerMinute: number;
  concurrentUploads: number;
}

/** SHA-256 of a token, hex. */
export const sha256Hex = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Callers with plain tokens, named `caller-1`, `caller-2`… (for tests and embedding). */
export function callersFromTokens(tokens: readonly string[], limits: CallerLimits): Caller[] {
  return tokens.map((token, index) => ({ name: `caller-${index + 1}`, tokenSha256: sha256Hex(token), ...limits }));
}
