import { ServerConfigError, readServerConfig } from "./config.js";
import { startServer } from "./start-server.js";

try {
  const server = await startServer(readServerConfig(process.env));
  console.log(`minimax-files-server listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  const message = error instanceof ServerConfigError ? `configuration: ${error.message}` : String(error);
  console.error(`minimax-files-server: ${message}`);
  process.exitCode = 1;
}
