import { cpuMs } from "./processes.mjs";
import { summarize } from "./stats.mjs";
import { lastCpuMs } from "./uploaders.mjs";

/**
 * Upload time of each tool for each file size, interleaved (curl, core, fetch, curl, …) so that
 * noise on the shared machine hits all of them alike. One warm-up round is not counted. With
 * `sinkPid`, also the sink's CPU per 100 MB while each tool sent (so a sink that is the
 * bottleneck shows).
 */
export async function measureThroughput(tools, files, sizes, runs, sinkPid) {
  const results = [];
  for (const { bytes, runs: sizeRuns = runs } of sizes) {
    const times = { curl: [], core: [], fetch: [], nodeHttp: [], coreProgress: [] };
    const cpu = Object.fromEntries(Object.keys(times).map((tool) => [tool, []]));
    const sinkCpu = Object.fromEntries(Object.keys(times).map((tool) => [tool, 0]));
    for (const tool of Object.keys(times)) await tools[tool](files[bytes]); // warm-up
    for (let i = 0; i < sizeRuns; i++) {
      for (const tool of Object.keys(times)) {
        const sinkBefore = sinkPid ? cpuMs(sinkPid) : 0;
        times[tool].push(await tools[tool](files[bytes]));
        if (sinkPid) sinkCpu[tool] += cpuMs(sinkPid) - sinkBefore;
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
        sinkCpuMsPer100MB: sinkPid ? (sinkCpu[tool] * 100 * 1024 * 1024) / (bytes * sizeRuns) : undefined,
      });
    }
  }
  return results;
}

/** In-process calls of each tool before the measured ones. */
const overheadWarmups = 20;

/**
 * Median latency of `count` sequential small uploads per tool, interleaved in rounds of 10; with
 * `sinkPid`, the sink's CPU per request while each tool sent. `toolNames` defaults to all four.
 * Each in-process tool is warmed up first with the same number of calls.
 */
export async function measureOverhead(tools, file, count, sinkPid, toolNames = ["curlProcess", "core", "fetch", "nodeHttp"]) {
  const times = Object.fromEntries(toolNames.map((tool) => [tool, []]));
  const sinkCpu = Object.fromEntries(toolNames.map((tool) => [tool, 0]));
  // Warmed as a long-running process is (the JIT compiles each tool's hot path), curl once (a process per upload).
  for (const tool of Object.keys(times)) for (let i = 0; i < (tool === "curlProcess" ? 1 : overheadWarmups); i++) await tools[tool](file);
  for (let done = 0; done < count; done += 10) {
    for (const tool of Object.keys(times)) {
      const sinkBefore = sinkPid ? cpuMs(sinkPid) : 0;
      for (let i = 0; i < Math.min(10, count - done); i++) times[tool].push(await tools[tool](file));
      if (sinkPid) sinkCpu[tool] += cpuMs(sinkPid) - sinkBefore;
    }
  }
  const curl = times.curlProcess ? summarize(times.curlProcess) : undefined;
  const nodeHttp = summarize(times.nodeHttp);
  return Object.entries(times).map(([tool, values]) => {
    const time = summarize(values);
    return {
      tool: tool === "curlProcess" ? "curl" : tool,
      latencyMs: time,
      ratioToCurl: curl ? time.median / curl.median : undefined,
      ratioToNodeHttp: time.median / nodeHttp.median,
      sinkCpuUsPerRequest: sinkPid ? (sinkCpu[tool] * 1000) / values.length : undefined,
    };
  });
}
