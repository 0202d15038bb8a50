import { configDefaults, type ServerConfig } from "../../src/config.js";
import { type RunningServer, startServer } from "../../src/start-server.js";
import { captureLog } from "./capture-log.js";

export const upstreamKey = "sk-upstream-SECRET-key-7f6e5d4c";
export const callerToken = "caller-token-abc-123";

/** A listening server in this process, with `overrides` over test defaults, and its log lines (JSON). */
export async function startTestServer(
  upstreamBaseURL: string,
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer & { logs: string[]; logEntries: () => Array<Record<string, unknown>> }> {
  const { logger, lines: logs, entries: logEntries } = captureLog([upstreamKey, callerToken]);
  const server = await startServer(
    {
      upstreamBaseURL,
      upstreamApiKey: upstreamKey,
      callerTokens: [callerToken],
      host: "127.0.0.1",
      port: 0,
      maxBodyBytes: configDefaults.MINIMAX_FILES_MAX_BODY_BYTES,
      maxConcurrentUploads: configDefaults.MINIMAX_FILES_MAX_CONCURRENT_UPLOADS,
      idleTimeoutMs: 5_000,
      upstreamTimeoutMs: 10_000,
      drainTimeoutMs: 1_000,
      ...overrides,
    },
    logger,
  );
  return Object.assign(server, { logs, logEntries });
}
