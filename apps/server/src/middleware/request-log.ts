import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { ServerLogger } from "../observability/logger.js";
import type { ServerMetrics } from "../observability/metrics.js";
import { type RecordVariables, recordOf } from "../observability/request-record.js";
import { requestHeader } from "../request-header.js";

/** A caller's request id is kept when it is this plain; anything else is replaced. */
const saneRequestId = /^[\w.:-]{1,128}$/;

/**
 * One JSON line per request, written once it is answered: request id, caller name (never the
 * token), route, status, bytes in, duration, what the upstream answered (status, MiniMax code,
 * Trace-Id) and the retry advice given; and the request metrics. Never headers.
 */
export function requestLog(
  log: ServerLogger,
  metrics: ServerMetrics,
  uploadRoutes: readonly string[],
): MiddlewareHandler<{ Variables: RecordVariables }> {
  return async (c, next) => {
    const started = performance.now();
    const offered = requestHeader(c, "x-request-id");
    const record = recordOf(c);
    record.requestId = offered && saneRequestId.test(offered) ? offered : randomUUID();
    c.header("x-request-id", record.requestId);
    await next();
    const status = c.res.status;
    const route = status === 404 ? "unmatched" : c.req.routePath;
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    metrics.requests.inc({ route, status: String(status) });
    if (record.refusal) metrics.refusals.inc({ reason: record.refusal });
    if (uploadRoutes.includes(route) && c.req.method === "POST") {
      metrics.uploadBytes.inc(record.bytesIn);
      metrics.uploadDuration.observe({ outcome: record.refusal ? "refused" : status < 300 ? "uploaded" : "failed" }, durationMs / 1000);
    }
    if (record.upstream) {
      const { code, httpStatus } = record.upstream;
      metrics.upstreamAnswers.inc({ code: code !== undefined ? String(code) : httpStatus !== undefined ? `http_${httpStatus}` : "none" });
    }
    const line = {
      requestId: record.requestId,
      caller: record.caller?.name,
      method: c.req.method,
      route,
      status,
      bytesIn: record.bytesIn,
      durationMs,
      upstream: record.upstream,
      refusal: record.refusal,
      shouldRetry: c.res.headers.get("x-should-retry") ?? undefined,
      retryAfter: c.res.headers.get("retry-after") ?? undefined,
    };
    const level = status >= 500 ? "warn" : "info";
    log[level](line, `${c.req.method} ${route} ${status}`);
  };
}
