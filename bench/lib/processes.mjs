import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";

export const run = promisify(execFile);

/** Wall time of one command, in ms. */
export async function timeCommand(file, args) {
  const start = performance.now();
  await run(file, args);
  return performance.now() - start;
}

/** CPU time (user + system) a process has used so far, in ms (Linux, in clock ticks of 10 ms). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
}
