import { readFileSync } from "node:fs";

/**
 * Peak resident memory of this process. On Linux, VmHWM: getrusage's maxrss would carry over the
 * parent's high-water mark across exec, so a child of a large bench process would read as large.
 */
export function peakRssBytes() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}
