import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { MiniMaxFiles } from "@minimax-files/core";
import { startNodeProcess } from "@minimax-files/testkit";
import { unlimitedCallers } from "./server-limits.mjs";

const serverMain = fileURLToPath(new URL("../../apps/server/dist/main.js", import.meta.url));

/** Linux's peak resident set (`VmHWM`) and current resident set (`VmRSS`) of a process, in bytes. */
async function residentBytes(pid) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
  return { peak: field("VmHWM"), current: field("VmRSS") };
}

/**
 * `concurrency` uploads of one WAV file at once, client → server → sink (the server's default
 * cap of uploads in flight is 64): the server process's peak RSS (VmHWM) against its RSS when
 * idle after a warm-up upload, and its RSS 5 s after the last upload.
 */
export async function measureServerConcurrency(sinkUrl, wavFile, concurrency) {
  const server = await startNodeProcess(
    serverMain,
    [],
    {
      MINIMAX_API_KEY: "bench-upstream-key",
      MINIMAX_BASE_URL: sinkUrl,
      MINIMAX_FILES_SERVER_TOKENS: "bench-caller-token",
      ...unlimitedCallers,
      PORT: "0",
      HOST: "127.0.0.1",
    },
    /listening on (http:\/\/[^\s"]+)/,
  );
  try {
    const client = new MiniMaxFiles({ apiKey: "bench-caller-token", baseURL: server.match[1], maxRetries: 0, preflight: false });
    await client.upload({ file: wavFile.path }); // warm-up
    const idle = await residentBytes(server.child.pid);
    const start = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, () => client.upload({ file: wavFile.path })));
    const seconds = (performance.now() - start) / 1000;
    const after = await residentBytes(server.child.pid);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const settled = await residentBytes(server.child.pid);
    const failed = outcomes.filter((o) => o.status === "rejected");
    return {
      bytes: wavFile.bytes,
      concurrency,
      succeeded: concurrency - failed.length,
      firstFailure: failed[0]?.reason?.message,
      seconds,
      idleRssBytes: idle.current,
      peakRssBytes: after.peak,
      rssAfter5sBytes: settled.current,
    };
  } finally {
    await server.stop();
  }
}
