/**
 * HTTP service with MiniMax's upload contract that holds the upstream API key server-side and
 * only serves callers presenting one of its own bearer tokens. Uploads are streamed through in
 * bounded memory; see the package README for every answer it gives.
 * @module
 */
export { createApp, type AppOptions } from "./app.js";
export { configDefaults, readServerConfig, ServerConfigError, type ServerConfig } from "./config.js";
export { InFlightUploads, type UploadLease } from "./lifecycle/in-flight.js";
export { startServer, type RunningServer } from "./start-server.js";
export type { LogLevel, ServerLog } from "./server-log.js";
