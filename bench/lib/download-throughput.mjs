import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { get } from "node:http";
import { pipeline } from "node:stream/promises";
import { MiniMaxFiles } from "@minimax-files/core";
import { launch } from "./launcher.mjs";
import { cpuMs } from "./processes.mjs";
import { socketDownload } from "./socket-download.mjs";
import { summarize } from "./stats.mjs";

/**
 * Download time of a file to a path, per size, interleaved: `curl -o` (the reference, its own
 * `time_total`, started by the bench's launcher process: see `launcher.mjs`), core's
 * `files.download` (atomic: a temporary file linked into place), and a bare node:http GET piped
 * to a file, and the simplest fast path Node allows (`nodeSocket`: a bare socket read into one
 * reused buffer, written synchronously, see socket-download.mjs), each to a path where no file is
 * (removed before, untimed); then, apart, core's
 * download over the file it wrote the run before (`coreOverwrite`); from a content server
 * streaming it from disk (file ids 1…n in the order of `sizes`). Ratio: curl's time ÷ the tool's
 * (higher is faster). With `serverPid`, the content server's CPU per 100 MB beside each figure.
 */
export async function measureDownloadThroughput(contentUrl, sizes, targetDir, runs, serverPid) {
  const client = new MiniMaxFiles({ apiKey: "bench-key-0000", baseURL: contentUrl, maxRetries: 0 });
  const url = (id) => `${contentUrl}/minimax/v1/files/retrieve_content?file_id=${id}`;
  const tools = {
    curl: async (id, target) => {
      const { stdout } = await launch("curl", ["-sS", "-o", target, "-w", "%{time_total}", url(id)]);
      return Number(stdout) * 1000;
    },
    core: async (id, target) => {
      const start = performance.now();
      await client.files.download(String(id), target);
      return performance.now() - start;
    },
    nodeHttp: async (id, target) => {
      const start = performance.now();
      await new Promise((resolve, reject) =>
        get(url(id), (response) => pipeline(response, createWriteStream(target)).then(resolve, reject)).on("error", reject),
      );
      return performance.now() - start;
    },
    nodeSocket: async (id, target) => {
      const start = performance.now();
      await socketDownload(url(id), target);
      return performance.now() - start;
    },
  };
  // The same as core's over the file the run before wrote: ext4 then starts writing the new file
  // out as it is renamed over the old one (its auto_da_alloc), a cost of the atomic replace. Run
  // apart, after the others: the writing out it starts slows whatever runs next.
  const overwrite = async (id, target) => {
    const start = performance.now();
    await client.files.download(String(id), target, { overwrite: true });
    return performance.now() - start;
  };
  const results = [];
  for (const [index, bytes] of sizes.entries()) {
    const id = index + 1;
    const times = Object.fromEntries(Object.keys(tools).map((tool) => [tool, []]));
    const serverCpu = Object.fromEntries(Object.keys(tools).map((tool) => [tool, 0]));
    for (const [tool, download] of Object.entries(tools)) await download(id, `${targetDir}/dl-${tool}.bin`); // warm-up
    for (let i = 0; i < runs; i++) {
      for (const [tool, download] of Object.entries(tools)) {
        const target = `${targetDir}/dl-${tool}.bin`;
        await rm(target, { force: true });
        const before = serverPid ? cpuMs(serverPid) : 0;
        times[tool].push(await download(id, target));
        if (serverPid) serverCpu[tool] += cpuMs(serverPid) - before;
      }
    }
    await Promise.all(Object.keys(tools).map((tool) => rm(`${targetDir}/dl-${tool}.bin`, { force: true })));
    const overwritten = `${targetDir}/dl-coreOverwrite.bin`;
    times.coreOverwrite = [];
    serverCpu.coreOverwrite = 0;
    await overwrite(id, overwritten); // the file to overwrite
    for (let i = 0; i < runs; i++) {
      const before = serverPid ? cpuMs(serverPid) : 0;
      times.coreOverwrite.push(await overwrite(id, overwritten));
      if (serverPid) serverCpu.coreOverwrite += cpuMs(serverPid) - before;
    }
    await rm(overwritten, { force: true });
    const curl = summarize(times.curl);
    for (const tool of Object.keys(times)) {
      const time = summarize(times[tool]);
      results.push({
        bytes,
        tool,
        timeMs: time,
        ratioToCurl: curl.median / time.median,
        serverCpuMsPer100MB: serverPid ? (serverCpu[tool] * 100 * 1024 * 1024) / (bytes * runs) : undefined,
      });
    }
  }
  return results;
}
