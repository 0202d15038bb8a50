/** Where the CLI reads its environment and writes its output; injectable for tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (progress is drawn only then). */
  stderrIsTTY: boolean;
  /** Whether stdout is a terminal (`check` prints a table then). */
  stdoutIsTTY: boolean;
  /** The stream progress is drawn on. */
  progressStream: NodeJS.WritableStream;
  /** Calls `handler` on Ctrl-C (SIGINT) and SIGTERM; returns a function that stops listening. */
  onInterrupt: (handler: () => void) => () => void;
}

/** The real process's streams, environment and signals. */
export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  progressStream: process.stderr,
  onInterrupt: (handler) => {
    process.on("SIGINT", handler).on("SIGTERM", handler);
    return () => process.off("SIGINT", handler).off("SIGTERM", handler);
  },
};
