import { createServerLogger, type ServerLogger } from "../../src/observability/logger.js";

/** Every log line written by any captured logger in this test file, for the canary scan (test/setup/log-canary.ts). */
export const allLogLines: string[] = [];

/** The server's own logger (pino, with its redaction and scrubbing of `secrets`) writing into memory. */
export function captureLog(secrets: readonly string[] = []): {
  logger: ServerLogger;
  lines: string[];
  entries: () => Array<Record<string, unknown>>;
} {
  const lines: string[] = [];
  const logger = createServerLogger({
    level: "debug",
    secrets,
    destination: {
      write(line: string) {
        lines.push(line);
        allLogLines.push(line);
      },
    },
  });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
