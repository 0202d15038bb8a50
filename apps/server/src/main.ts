import { ServerConfigError, readServerConfig } from "./config.js";
import { stderrLog } from "./server-log.js";
import { startServer } from "./start-server.js";

try {
  const config = readServerConfig(process.env);
  const server = await startServer(config);
  console.log(`minimax-files-server listening on ${server.url}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      stderrLog("warn", `${signal} again: exiting without waiting for uploads in flight`);
      process.exit(1);
    }
    stopping = true;
    stderrLog("info", `${signal}: draining, uploads in flight have ${config.drainTimeoutMs} ms to finish`);
    void server.shutdown().then(({ aborted }) => {
      stderrLog("info", aborted ? `stopped; ${aborted} upload(s) aborted at the drain deadline` : "stopped; every upload in flight finished");
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  const message = error instanceof ServerConfigError ? `configuration: ${error.message}` : String(error);
  console.error(`minimax-files-server: ${message}`);
  process.exitCode = 1;
}
