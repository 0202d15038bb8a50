import { Hono } from "hono";
import type { ServerMetrics } from "../observability/metrics.js";

/** `GET /metrics`: Prometheus' text format. Unauthenticated, like /healthz: expose it to your scraper's network only. */
export function metricsRoutes(metrics: ServerMetrics): Hono {
  const routes = new Hono();
  routes.get("/metrics", async (c) => c.body(await metrics.render(), 200, { "Content-Type": metrics.registry.contentType }));
  return routes;
}
