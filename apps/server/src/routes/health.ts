import { Hono } from "hono";
import type { InFlightUploads } from "../lifecycle/in-flight.js";
import type { UploadLimits } from "../limits/upload-limits.js";

/**
 * `GET /healthz`: the process is up (200 while it runs). `GET /readyz`: it takes uploads (200);
 * 503 while it shuts down (at once on SIGTERM/SIGINT) or while the shared store of its limits
 * (Redis) cannot be reached, for load balancers to stop sending.
 */
export function healthRoutes(inFlight: InFlightUploads, limits: UploadLimits): Hono {
  const routes = new Hono();
  routes.get("/healthz", (c) => c.json({ status: "ok" }));
  routes.get("/readyz", async (c) => {
    if (inFlight.draining) return c.json({ status: "draining", uploadsInFlight: inFlight.size }, 503);
    if (!(await limits.reachable())) return c.json({ status: "limits-unavailable", uploadsInFlight: inFlight.size }, 503);
    return c.json({
      status: "ready",
      uploadsInFlight: inFlight.size,
      maxUploadsInFlight: inFlight.limit,
      limits: limits.shared ? "redis" : "memory",
    });
  });
  return routes;
}
