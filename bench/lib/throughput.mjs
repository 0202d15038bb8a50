import { summarize } from "./stats.mjs";
import { lastCpuMs } from "./uploaders.mjs";

/**
 * Upload time of each tool for each file size, interleaved (curl, core, fetch, curl, …) so that
 * noise on the shared machine hits all of them alike. One warm-up round is not counted.
 */
export async function measureThroughput(tools, files, sizes, runs) {
  const results = [];
  for (const { bytes, runs: sizeRuns = runs } of sizes) {
    const times = { curl: [], core: [], fetch: [], nodeHttp: [], coreProgress: [] };
    const cpu = Object.fromEntries(Object.keys(times).map((tool) => [tool, []]));
    for (const tool of Object.keys(times)) await tools[tool](files[bytes]); // warm-up
    for (let i = 0; i < sizeRuns; i++) {
      for (const tool of Object.keys(times)) {
        times[tool].push(await tools[tool](files[bytes]));
        if (lastCpuMs[tool] !== undefined) cpu[tool].push(lastCpuMs[tool]);
      }
    }
    const curl = summarize(times.curl);
    const core = summarize(times.core);
    for (const tool of Object.keys(times)) {
      const time = summarize(times[tool]);
      const cpuMsPer100MB = cpu[tool].length ? (summarize(cpu[tool]).median * 100 * 1024 * 1024) / bytes : undefined;
      results.push({
        bytes,
        tool,
        timeMs: time,
        mbPerSecond: bytes / 1024 / 1024 / (time.median / 1000),
        ratioToCurl: curl.median / time.median,
        ratioToCore: core.median / time.median,
        cpuMsPer100MB,
      });
    }
  }
  return results;
}

/** Median latency of `count` sequential small uploads per tool, interleaved in rounds of 10. */
export async function measureOverhead(tools, file, count) {
  const times = { curlProcess: [], core: [], fetch: [], nodeHttp: [] };
  for (const tool of Object.keys(times)) await tools[tool](file);
  for (let done = 0; done < count; done += 10) {
    for (const tool of Object.keys(times)) {
      for (let i = 0; i < Math.min(10, count - done); i++) times[tool].push(await tools[tool](file));
    }
  }
  const curl = summarize(times.curlProcess);
  const nodeHttp = summarize(times.nodeHttp);
  return Object.entries(times).map(([tool, values]) => {
    const time = summarize(values);
    return {
      tool: tool === "curlProcess" ? "curl" : tool,
      latencyMs: time,
      ratioToCurl: time.median / curl.median,
      ratioToNodeHttp: time.median / nodeHttp.median,
    };
  });
}
