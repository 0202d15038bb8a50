/**
 * The server's log: pino, one JSON object per line. Authorization headers and keys are removed
 * by pino's redaction wherever they sit in a logged object, and every line is scrubbed of the
 * server's secrets (the upstream key, plain caller tokens) before it is written, whatever text
 * it quotes.
 * @module
 */
import { type DestinationStream, type Logger, pino } from "pino";
import type { LogLevelName } from "../config.js";

/** The server's logger (pino). */
export type ServerLogger = Logger;

/** Options of {@link createServerLogger}. */
export interface ServerLoggerOptions {
  level?: LogLevelName | undefined;
  /** Texts that never appear in a line (replaced with `[redacted]`). */
  secrets?: readonly string[] | undefined;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream | undefined;
}

/** Paths pino removes from every logged object. */
export const redactedPaths = [
  "authorization",
  "headers.authorization",
  "req.headers.authorization",
  "*.authorization",
  "apiKey",
  "*.apiKey",
  "token",
  "*.token",
  "cookie",
  "headers.cookie",
];

/** Creates the server's logger. */
export function createServerLogger(options: ServerLoggerOptions = {}): ServerLogger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const escaped = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "minimax-files-server" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: "[redacted]" },
      hooks: {
        streamWrite: (line) => escaped.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), line),
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
