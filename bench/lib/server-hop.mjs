import { fileURLToPath } from "node:url";
import { MiniMaxFiles } from "@minimax-files/core";
import { startNodeProcess } from "@minimax-files/testkit";
import { cpuMs } from "./processes.mjs";
import { hopEnv } from "./server-limits.mjs";
import { summarize } from "./stats.mjs";

const serverMain = fileURLToPath(new URL("../../apps/server/dist/main.js", import.meta.url));
const bareProxy = fileURLToPath(new URL("../bare-proxy-process.mjs", import.meta.url));

/**
 * Upload time client → server → sink against client → sink, per WAV file, and against
 * client → bare node:http proxy → sink (the simplest hop: no parsing, no checks), interleaved
 * round by round; plus each hop's CPU per upload. The files are real audio: the server runs
 * core's pre-flight checks on what arrives, and so does the client, on every path.
 */
export async function measureServerHop(sinkUrl, wavFiles, runs) {
  const env = hopEnv(sinkUrl);
  const server = await startNodeProcess(serverMain, [], env, /listening on (http:\/\/[^\s"]+)/);
  const bare = await startNodeProcess(bareProxy, [], env, /listening on (http:\/\/[^\s"]+)/);
  try {
    const clients = {
      direct: new MiniMaxFiles({ apiKey: "bench-upstream-key", baseURL: sinkUrl, maxRetries: 0 }),
      viaServer: new MiniMaxFiles({ apiKey: "bench-caller-token", baseURL: server.match[1], maxRetries: 0 }),
      viaBareProxy: new MiniMaxFiles({ apiKey: "bench-upstream-key", baseURL: bare.match[1], maxRetries: 0 }),
    };
    const time = async (client, file) => {
      const start = performance.now();
      await client.upload({ file });
      return performance.now() - start;
    };
    const results = [];
    for (const { bytes, path } of [...wavFiles].sort((a, b) => a.bytes - b.bytes)) {
      const times = { direct: [], viaServer: [], viaBareProxy: [] };
      // Warmed as a long-running server is: the first uploads run before the JIT has compiled the hot path.
      const warmups = bytes < 5 * 1024 * 1024 ? 30 : 8;
      for (const client of Object.values(clients)) for (let i = 0; i < warmups; i++) await time(client, path);
      const cpuBefore = { server: cpuMs(server.child.pid), bare: cpuMs(bare.child.pid) };
      for (let i = 0; i < runs; i++) for (const [name, client] of Object.entries(clients)) times[name].push(await time(client, path));
      const d = summarize(times.direct);
      const s = summarize(times.viaServer);
      const b = summarize(times.viaBareProxy);
      results.push({
        bytes,
        directMs: d,
        viaServerMs: s,
        ratio: s.median / d.median,
        viaBareProxyMs: b,
        bareProxyRatio: b.median / d.median,
        serverCpuMsPerUpload: (cpuMs(server.child.pid) - cpuBefore.server) / runs,
        bareProxyCpuMsPerUpload: (cpuMs(bare.child.pid) - cpuBefore.bare) / runs,
      });
    }
    return results;
  } finally {
    await Promise.all([server.stop(), bare.stop()]);
  }
}
