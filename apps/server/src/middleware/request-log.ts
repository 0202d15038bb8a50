import type { MiddlewareHandler } from "hono";
import type { ServerLog } from "../server-log.js";

/** One line per request: method, path, status, duration. Never headers (they hold tokens). */
export function requestLog(log: ServerLog): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log("info", `${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
  };
}
