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
}

/** The configuration is incomplete or contradictory; the message names the variable. */
export class ServerConfigError extends Error {
  override name = "ServerConfigError";
}

const defaultMaxBodyBytes = 21 * 1024 * 1024; // MiniMax's 20 MB file limit plus multipart overhead

/**
 * Reads and checks the server's configuration.
 * @throws ServerConfigError naming the missing or invalid variable.
 */
export function readServerConfig(env: Record<string, string | undefined>): ServerConfig {
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
    host: env["HOST"]?.trim() || "127.0.0.1",
    port: integer(env, "PORT", 8787),
    maxBodyBytes: integer(env, "MINIMAX_FILES_MAX_BODY_BYTES", defaultMaxBodyBytes),
  };
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ServerConfigError(`${name} must be a whole number, got "${raw}"`);
  return value;
}
