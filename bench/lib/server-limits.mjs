import { keptHeapEnv } from "./kept-heap.mjs";

/**
 * The server's limits per caller and for the upstream (30 and 60 uploads a minute by default)
 * would throttle a benchmark that sends hundreds: the benchmarks measure the data path, so they
 * lift them. One caller, at most 64 uploads at once.
 */
export const unlimitedCallers = {
  MINIMAX_FILES_CALLER_RPM: "1000000",
  MINIMAX_FILES_CALLER_CONCURRENCY: "1000",
  MINIMAX_FILES_UPSTREAM_RPM: "1000000",
};

/**
 * The environment the server and the bare proxy start with in front of the sink at `sinkUrl`: one
 * caller, limits lifted, the heap kept (kept-heap.mjs).
 */
export function hopEnv(sinkUrl) {
  return {
    MINIMAX_API_KEY: "bench-upstream-key",
    MINIMAX_BASE_URL: sinkUrl,
    MINIMAX_FILES_SERVER_TOKENS: "bench-caller-token",
    ...unlimitedCallers,
    PORT: "0",
    HOST: "127.0.0.1",
    ...keptHeapEnv,
  };
}
