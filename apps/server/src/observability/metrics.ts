/**
 * The server's Prometheus metrics (prom-client), in a registry of its own so that several apps
 * in one process (tests) do not collide. Served at `GET /metrics`.
 * @module
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Why the server refused an upload before sending it upstream. */
export type RefusalReason =
  | "auth"
  | "size"
  | "rate"
  | "concurrency"
  | "upstream-budget"
  | "capacity"
  | "queue-full"
  | "queue-timeout"
  | "draining"
  | "limits-unavailable"
  | "bad-request"
  | "idle";

/** The metrics, and the registry that renders them. */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "minimax_files_http_requests_total",
    help: "HTTP requests answered, by route and status",
    labelNames: ["route", "status"] as const,
    registers: [this.registry],
  });
  readonly uploadBytes = new Counter({
    name: "minimax_files_upload_bytes_total",
    help: "Request body bytes received on the upload route",
    registers: [this.registry],
  });
  readonly uploadDuration = new Histogram({
    name: "minimax_files_upload_duration_seconds",
    help: "Time from an upload's request to its answer, by outcome",
    labelNames: ["outcome"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly upstreamAnswers = new Counter({
    name: "minimax_files_upstream_answers_total",
    help: "Upstream answers by MiniMax status code (none: no answer)",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: "minimax_files_refusals_total",
    help: "Uploads refused before reaching upstream, by reason",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });

  /**
   * @param uploadsInFlight read when metrics are scraped
   * @param queued requests waiting for capacity now, and since the start, read when metrics are scraped
   */
  constructor(uploadsInFlight: () => number, queued: () => { now: number; total: number } = () => ({ now: 0, total: 0 })) {
    new Gauge({
      name: "minimax_files_queued_requests",
      help: "Requests waiting for capacity on this instance (MINIMAX_FILES_QUEUE_LENGTH bounds it)",
      registers: [this.registry],
      collect() {
        this.set(queued().now);
      },
    });
    new Gauge({
      name: "minimax_files_queued_requests_total",
      help: "Requests that have waited for capacity since the start",
      registers: [this.registry],
      collect() {
        this.set(queued().total);
      },
    });
    new Gauge({
      name: "minimax_files_uploads_in_flight",
      help: "Uploads in flight on this instance",
      registers: [this.registry],
      collect() {
        this.set(uploadsInFlight());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: "minimax_files_" });
  }

  /** The metrics in Prometheus' text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
