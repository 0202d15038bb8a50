/**
 * HTTP service with MiniMax's upload contract that holds the upstream API key server-side and
 * only serves callers presenting one of its own bearer tokens. Uploads are streamed through in
 * bounded memory; see the package README for every answer it gives.
 * @module
 */
export { type AppOptions, createApp } from "./app.js";
export { type Caller, type CallerLimits, callersFromTokens, sha256Hex } from "./callers/callers.js";
export { configDefaults, configVariables, type LogLevelName, readServerConfig, type ServerConfig, ServerConfigError } from "./config.js";
export { InFlightUploads, type UploadLease } from "./lifecycle/in-flight.js";
export { type LimitReason, type LimitVerdict, UploadLimits, type UploadLimitsOptions } from "./limits/upload-limits.js";
export { createServerLogger, type ServerLogger, type ServerLoggerOptions } from "./observability/logger.js";
export { type RefusalReason, ServerMetrics } from "./observability/metrics.js";
export { type RunningServer, startServer } from "./start-server.js";
