import { fileURLToPath } from "node:url";
import { run } from "./processes.mjs";
import { summarize } from "./stats.mjs";

const child = fileURLToPath(new URL("../upload-child.mjs", import.meta.url));
const downloadChild = fileURLToPath(new URL("../download-child.mjs", import.meta.url));
const bareDownloadChild = fileURLToPath(new URL("../download-bare-child.mjs", import.meta.url));

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

/**
 * Peak RSS of a process that downloads one file to a path, per tool and size, interleaved, from a
 * content server streaming it from disk (`contentUrl`, file ids 1…n in the order of `sizes`):
 * core's `files.download`, and beside it the simplest paths (node:http and fetch piped to a file).
 */
export async function measureDownloadRss(contentUrl, sizes, targetDir, runs) {
  const tools = {
    core: (id, target) => [downloadChild, contentUrl, id, target],
    nodeHttp: (id, target) => [bareDownloadChild, "http", `${contentUrl}/minimax/v1/files/retrieve_content?file_id=${id}`, target],
    fetch: (id, target) => [bareDownloadChild, "fetch", `${contentUrl}/minimax/v1/files/retrieve_content?file_id=${id}`, target],
  };
  const rss = {};
  for (let i = 0; i < runs; i++) {
    for (const [tool, args] of Object.entries(tools)) {
      for (const [index, bytes] of sizes.entries()) {
        const target = `${targetDir}/download-${tool}-${bytes}.bin`;
        const { stdout } = await run(process.execPath, args(String(index + 1), target));
        const result = JSON.parse(stdout);
        if (result.bytes !== bytes) throw new Error(`${tool} downloaded ${result.bytes} bytes of a ${bytes}-byte file`);
        const key = `${tool} ${bytes}`;
        rss[key] = [...(rss[key] ?? []), result.maxRssBytes];
      }
    }
  }
  return Object.keys(tools).flatMap((tool) => sizes.map((bytes) => ({ tool, bytes, peakRssBytes: summarize(rss[`${tool} ${bytes}`]) })));
}
