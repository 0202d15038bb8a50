// Built as one CommonJS file (tsup.config.ts): Node starts it faster than an ES module, and
// commander and core's `enums` are inside it; core's client is imported only when a command runs.
import packageJson from "../package.json" with { type: "json" };

// A reader that closes the pipe (`minimax-files files list | head -1`) ends the CLI quietly, as
// a Unix tool does, instead of with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  // Answered before anything else loads (commander, the commands, core): as fast as Node starts.
  process.stdout.write(`${packageJson.version}\n`);
} else {
  void import("./main.js").then(async ({ main }) => {
    process.exitCode = await main(argv);
  });
}
