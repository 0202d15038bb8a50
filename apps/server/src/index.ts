/**
 * HTTP service with MiniMax's upload contract that holds the upstream API key server-side and
 * only serves callers presenting one of its own bearer tokens.
 * @module
 */
export { createApp, type AppOptions } from "./app.js";
export { readServerConfig, ServerConfigError, type ServerConfig } from "./config.js";
export { startServer, type RunningServer } from "./start-server.js";
