import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** Starts the built server in a process of its own, upstream at `upstreamUrl`, with the benchmarks' limits lifted and `env`. */
function startBenchServer(upstreamUrl, env) {
  return startNodeProcess(
    serverMain,
    [],
    { MINIMAX_API_KEY: "bench-upstream-key", MINIMAX_BASE_URL: upstreamUrl, ...unlimitedCallers, PORT: "0", HOST: "127.0.0.1", ...env },
    /listening on (http:\/\/[^\s"]+)/,
  );
}

/**
 * `concurrency` uploads of one WAV file at once, client → server → sink (the server's default
 * cap of uploads in flight is 64): the server process's peak RSS (VmHWM) against its RSS when
 * idle after a warm-up upload, and its RSS 5 s after the last upload.
 */
export async function measureServerConcurrency(sinkUrl, wavFile, concurrency) {
  const server = await startBenchServer(sinkUrl, { MINIMAX_FILES_SERVER_TOKENS: "bench-caller-token" });
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

/**
 * `concurrency` downloads of one file at once through the server (`retrieve_content`, streamed
 * through), from a content server (`contentUrl`, file id 1), by an administrator (who may read
 * any file): the server process's peak RSS (VmHWM) against its RSS when idle after a warm-up.
 */
export async function measureServerDownloads(contentUrl, bytes, concurrency) {
  const folder = await mkdtemp(join(tmpdir(), "bench-callers-"));
  const callersFile = join(folder, "callers.json");
  await writeFile(
    callersFile,
    JSON.stringify([
      { name: "bench-admin", token: "bench-admin-token", admin: true, requestsPerMinute: 1_000_000, concurrentUploads: 1_000_000 },
    ]),
  );
  const server = await startBenchServer(contentUrl, { MINIMAX_FILES_CALLERS_FILE: callersFile });
  try {
    const client = new MiniMaxFiles({ apiKey: "bench-admin-token", baseURL: server.match[1], maxRetries: 0 });
    const drain = async () => {
      const content = await client.files.retrieveContent("1");
      const reader = content.body.getReader();
      let received = 0;
      for (let read = await reader.read(); !read.done; read = await reader.read()) received += read.value.length;
      if (received !== bytes) throw new Error(`downloaded ${received} of ${bytes} bytes`);
    };
    await drain(); // warm-up
    const idle = await residentBytes(server.child.pid);
    const start = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, drain));
    const seconds = (performance.now() - start) / 1000;
    const after = await residentBytes(server.child.pid);
    const failed = outcomes.filter((o) => o.status === "rejected");
    return {
      bytes,
      concurrency,
      succeeded: concurrency - failed.length,
      firstFailure: failed[0]?.reason?.message,
      seconds,
      idleRssBytes: idle.current,
      peakRssBytes: after.peak,
    };
  } finally {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  }
}
