import { fileURLToPath } from "node:url";
import { MiniMaxFiles } from "@minimax-files/core";
import { startNodeProcess } from "@minimax-files/testkit";
import { cpuMs } from "./processes.mjs";
import { hopEnv } from "./server-limits.mjs";
import { summarize } from "./stats.mjs";

const serverMain = fileURLToPath(new URL("../../apps/server/dist/main.js", import.meta.url));
const bareProxy = fileURLToPath(new URL("../bare-proxy-process.mjs", import.meta.url));

/** One `--trace-gc` line: its kind and its pause in ms. */
const gcLine = /: (Scavenge|Mark-Compact)\b[^\n]*? MB, ([\d.]+) \/ [\d.]+ ms/g;

/** Counts the collections a process started with `--trace-gc` reports on stdout from now on. */
function countCollections(child) {
  const counts = { scavenges: 0, markCompacts: 0, pauseMs: 0 };
  let rest = "";
  child.stdout.on("data", (chunk) => {
    const text = rest + chunk.toString();
    const lastNewline = text.lastIndexOf("\n");
    rest = text.slice(lastNewline + 1);
    for (const [, kind, pause] of text.slice(0, lastNewline + 1).matchAll(gcLine)) {
      if (kind === "Scavenge") counts.scavenges++;
      else counts.markCompacts++;
      counts.pauseMs += Number(pause);
    }
  });
  return () => ({ ...counts });
}

/**
 * The server as it runs for long: `uploads` uploads of one WAV file through the server and
 * through the bare proxy, interleaved, after the same warm-up as the short run: each hop's median
 * time and CPU per upload over all of them, and the garbage collections V8 reports in each
 * (`--trace-gc`, both processes alike). The short run (server-hop.mjs) sees the first seconds
 * of a server's life; after some thousands of uploads V8 may settle into a full mark-compact
 * every few uploads, which this shows.
 */
export async function measureSustainedServerHop(sinkUrl, wavFile, uploads) {
  const env = hopEnv(sinkUrl);
  const ready = /listening on (http:\/\/[^\s"]+)/;
  const server = await startNodeProcess(serverMain, [], env, ready, undefined, ["--trace-gc"]);
  const bare = await startNodeProcess(bareProxy, [], env, ready, undefined, ["--trace-gc"]);
  try {
    const viaServer = new MiniMaxFiles({ apiKey: "bench-caller-token", baseURL: server.match[1], maxRetries: 0 });
    const viaBare = new MiniMaxFiles({ apiKey: "bench-upstream-key", baseURL: bare.match[1], maxRetries: 0 });
    for (let i = 0; i < 30; i++) for (const client of [viaServer, viaBare]) await client.upload({ file: wavFile.path });
    const serverCollections = countCollections(server.child);
    const bareCollections = countCollections(bare.child);
    const cpuBefore = { server: cpuMs(server.child.pid), bare: cpuMs(bare.child.pid) };
    const started = performance.now();
    const times = { server: [], bare: [] };
    for (let i = 0; i < uploads; i++) {
      for (const [hop, client] of [
        ["server", viaServer],
        ["bare", viaBare],
      ]) {
        const start = performance.now();
        await client.upload({ file: wavFile.path });
        times[hop].push(performance.now() - start);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const serverMs = summarize(times.server);
    const bareMs = summarize(times.bare);
    const perUpload = (counts) => ({ ...counts, pauseMsPerUpload: counts.pauseMs / uploads });
    const serverCpu = (cpuMs(server.child.pid) - cpuBefore.server) / uploads;
    const bareCpu = (cpuMs(bare.child.pid) - cpuBefore.bare) / uploads;
    return {
      bytes: wavFile.bytes,
      uploads,
      seconds,
      serverCpuMsPerUpload: serverCpu,
      bareProxyCpuMsPerUpload: bareCpu,
      cpuRatio: serverCpu / bareCpu,
      viaServerMs: serverMs,
      viaBareProxyMs: bareMs,
      timeRatio: serverMs.median / bareMs.median,
      serverGc: perUpload(serverCollections()),
      bareProxyGc: perUpload(bareCollections()),
    };
  } finally {
    await Promise.all([server.stop(), bare.stop()]);
  }
}
