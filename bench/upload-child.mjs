// One upload in a process of its own, so its peak RSS is the upload's alone.
// Usage: node upload-child.mjs <sink url> <file path>   → prints {"maxRssBytes":…,"uploadedBytes":…}
import { readFileSync } from "node:fs";
import { MiniMaxFiles } from "@minimax-files/core";

/**
 * Peak resident memory of this process. On Linux, VmHWM: getrusage's maxrss would carry over the
 * parent's high-water mark across exec, so a child of a large bench process would read as large.
 */
function peakRssBytes() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}

const [url, path] = process.argv.slice(2);
const client = new MiniMaxFiles({ apiKey: "bench-key-0000", baseURL: url, preflight: false });
const file = await client.upload({ file: path, purpose: "voice_clone" });
console.log(JSON.stringify({ maxRssBytes: peakRssBytes(), uploadedBytes: file.bytes }));
