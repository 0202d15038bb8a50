import { fileURLToPath } from "node:url";
import { run } from "./processes.mjs";
import { summarize } from "./stats.mjs";

const child = fileURLToPath(new URL("../upload-child.mjs", import.meta.url));

/** Peak RSS of a process that streams one file through the core client, per size, interleaved. */
export async function measurePeakRss(sinkUrl, files, sizes, runs) {
  const rss = Object.fromEntries(sizes.map((bytes) => [bytes, []]));
  for (let i = 0; i < runs; i++) {
    for (const bytes of sizes) {
      const { stdout } = await run(process.execPath, [child, sinkUrl, files[bytes]]);
      const result = JSON.parse(stdout);
      const framing = result.uploadedBytes - bytes; // multipart boundaries and part headers
      if (framing < 0 || framing > 1024) throw new Error(`sink got ${result.uploadedBytes} bytes for a ${bytes}-byte file`);
      rss[bytes].push(result.maxRssBytes);
    }
  }
  return sizes.map((bytes) => ({ bytes, peakRssBytes: summarize(rss[bytes]) }));
}
