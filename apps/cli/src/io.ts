/** Where the CLI reads its environment and writes its output; injectable for tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (progress is drawn only then). */
  stderrIsTTY: boolean;
  /** Whether stdout is a terminal (`check` and `files list` print a table then). */
  stdoutIsTTY: boolean;
  /** Whether stdin is a terminal (`files delete` asks before deleting only then). */
  stdinIsTTY: boolean;
  /** The terminal's width, when stdout is one: tables fit it. */
  columns: number | undefined;
  /** Where bytes go (`files download -o -`), with backpressure. */
  stdoutStream: NodeJS.WritableStream;
  /** Asks a question on the terminal and resolves with the line typed. */
  ask: (question: string) => Promise<string>;
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
  // Read when asked (only `files delete` asks): touching process.stdin opens it, ~2 ms of every start.
  get stdinIsTTY() {
    return process.stdin.isTTY === true;
  },
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  stdoutStream: process.stdout,
  ask: async (question) => {
    const { createInterface } = await import("node:readline/promises");
    const terminal = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await terminal.question(question);
    } finally {
      terminal.close();
    }
  },
  progressStream: process.stderr,
  onInterrupt: (handler) => {
    process.on("SIGINT", handler).on("SIGTERM", handler);
    return () => process.off("SIGINT", handler).off("SIGTERM", handler);
  },
};
