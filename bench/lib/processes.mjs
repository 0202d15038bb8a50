import { execFile } from "node:child_process";
import { promisify } from "node:util";

export const run = promisify(execFile);

/** Wall time of one command, in ms. */
export async function timeCommand(file, args) {
  const start = performance.now();
  await run(file, args);
  return performance.now() - start;
}
