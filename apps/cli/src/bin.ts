import { main } from "./main.js";

// A reader that closes the pipe (`minimax-files files list | head -1`) ends the CLI quietly, as
// a Unix tool does, instead of with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
