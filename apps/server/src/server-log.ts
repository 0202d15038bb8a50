/** Severity of a log line. */
export type LogLevel = "info" | "warn" | "error";

/** Where the server writes its log lines; never given a token, a key or an upstream text unscrubbed. */
export type ServerLog = (level: LogLevel, message: string) => void;

/** Writes `level message` lines to stderr. */
export const stderrLog: ServerLog = (level, message) => {
  process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
};
