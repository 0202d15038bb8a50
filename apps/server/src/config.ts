/** What the server needs to run, read from its environment by {@link readServerConfig}. */
export interface ServerConfig {
  /** Upstream base URL (`MINIMAX_BASE_URL`). */
  upstreamBaseURL: string;
  /** Upstream MiniMax API key (`MINIMAX_API_KEY`); never accepted from callers, never sent back. */
  upstreamApiKey: string;
  /** Bearer tokens callers must present (`MINIMAX_FILES_SERVER_TOKENS`, comma-separated). */
  callerTokens: string[];
  /** Interface to listen on (`HOST`, default 127.0.0.1). */
  host: string;
  /** Port to listen on (`PORT`, default 8787; 0 picks a free one). */
  port: number;
  /** Largest request body accepted, in bytes (`MINIMAX_FILES_MAX_BODY_BYTES`, default 21 MiB). */
  maxBodyBytes: number;
  /** Uploads in flight at once; more are answered 503 (`MINIMAX_FILES_MAX_CONCURRENT_UPLOADS`, default 64). */
  maxConcurrentUploads: number;
  /** How long a caller may send nothing mid-body before the upload is dropped with 408 (`MINIMAX_FILES_IDLE_TIMEOUT_MS`, default 30 s). */
  idleTimeoutMs: number;
  /** How long one upstream upload may take (`MINIMAX_FILES_UPSTREAM_TIMEOUT_MS`, default 10 min). */
  upstreamTimeoutMs: number;
  /** On SIGTERM/SIGINT, how long in-flight uploads may go on before they are aborted (`MINIMAX_FILES_DRAIN_TIMEOUT_MS`, default 25 s). */
  drainTimeoutMs: number;
}

/** The configuration is incomplete or contradictory; the message names the variable. */
export class ServerConfigError extends Error {
  override name = "ServerConfigError";
}

/** The defaults of the optional settings, by variable. */
export const configDefaults = {
  HOST: "127.0.0.1",
  PORT: 8787,
  MINIMAX_FILES_MAX_BODY_BYTES: 21 * 1024 * 1024, // MiniMax's 20 MB file limit plus multipart overhead
  MINIMAX_FILES_MAX_CONCURRENT_UPLOADS: 64,
  MINIMAX_FILES_IDLE_TIMEOUT_MS: 30_000,
  MINIMAX_FILES_UPSTREAM_TIMEOUT_MS: 10 * 60_000,
  MINIMAX_FILES_DRAIN_TIMEOUT_MS: 25_000,
} as const;

type Env = Record<string, string | undefined>;

/**
 * Reads and checks the server's configuration.
 * @throws ServerConfigError naming the missing or invalid variable.
 */
export function readServerConfig(env: Env): ServerConfig {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new ServerConfigError(`${name} is not set`);
    return value;
  };
  const upstreamApiKey = required("MINIMAX_API_KEY");
  const upstreamBaseURL = required("MINIMAX_BASE_URL");
  const callerTokens = required("MINIMAX_FILES_SERVER_TOKENS")
    .split(",")
    .map((token) => token.trim())
    .filter(Boolean);
  if (callerTokens.length === 0) {
    throw new ServerConfigError("MINIMAX_FILES_SERVER_TOKENS holds no token (expected comma-separated bearer tokens)");
  }
  if (callerTokens.includes(upstreamApiKey)) {
    throw new ServerConfigError("MINIMAX_FILES_SERVER_TOKENS must not contain the upstream MINIMAX_API_KEY");
  }
  return {
    upstreamBaseURL,
    upstreamApiKey,
    callerTokens,
    host: env["HOST"]?.trim() || configDefaults.HOST,
    port: integer(env, "PORT", { min: 0 }),
    maxBodyBytes: integer(env, "MINIMAX_FILES_MAX_BODY_BYTES", { min: 1 }),
    maxConcurrentUploads: integer(env, "MINIMAX_FILES_MAX_CONCURRENT_UPLOADS", { min: 1 }),
    idleTimeoutMs: integer(env, "MINIMAX_FILES_IDLE_TIMEOUT_MS", { min: 1 }),
    upstreamTimeoutMs: integer(env, "MINIMAX_FILES_UPSTREAM_TIMEOUT_MS", { min: 1 }),
    drainTimeoutMs: integer(env, "MINIMAX_FILES_DRAIN_TIMEOUT_MS", { min: 0 }),
  };
}

/** Longest delay a Node.js timer can hold. */
const maxTimerMs = 2 ** 31 - 1;

function integer(env: Env, name: Exclude<keyof typeof configDefaults, "HOST">, { min }: { min: number }): number {
  const raw = env[name]?.trim();
  if (!raw) return configDefaults[name];
  const value = Number(raw);
  const max = name === "PORT" ? 65_535 : name.endsWith("_MS") ? maxTimerMs : Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ServerConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
