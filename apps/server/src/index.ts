/**
 * HTTP service with MiniMax's upload contract that holds the upstream API key server-side and
 * only serves callers presenting one of its own bearer tokens. Uploads are streamed through in
 * bounded memory; see the package README for every answer it gives.
 * @module
 */
export { createApp, type AppOptions } from "./app.js";
export { configDefaults, configVariables, readServerConfig, ServerConfigError, type LogLevelName, type ServerConfig } from "./config.js";
export { callersFromTokens, sha256Hex, type Caller, type CallerLimits } from "./callers/callers.js";
export { UploadLimits, type LimitReason, type LimitVerdict, type UploadLimitsOptions } from "./limits/upload-limits.js";
export { createServerLogger, type ServerLogger, type ServerLoggerOptions } from "./observability/logger.js";
export { ServerMetrics, type RefusalReason } from "./observability/metrics.js";
export { InFlightUploads, type UploadLease } from "./lifecycle/in-flight.js";
export { startServer, type RunningServer } from "./start-server.js";
