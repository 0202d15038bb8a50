import { Hono } from "hono";
import type { InFlightUploads } from "../lifecycle/in-flight.js";

/**
 * `GET /healthz`: the process is up (200 while it runs). `GET /readyz`: it takes uploads (200),
 * or is shutting down (503, at once on SIGTERM/SIGINT), for load balancers to stop sending.
 */
export function healthRoutes(inFlight: InFlightUploads): Hono {
  const routes = new Hono();
  routes.get("/healthz", (c) => c.json({ status: "ok" }));
  routes.get("/readyz", (c) =>
    inFlight.draining
      ? c.json({ status: "draining", uploadsInFlight: inFlight.size }, 503)
      : c.json({ status: "ready", uploadsInFlight: inFlight.size, maxUploadsInFlight: inFlight.limit }),
  );
  return routes;
}
