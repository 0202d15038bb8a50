/**
 * How far V8 lets the heap grow after a full collection, fixed for a server that streams uploads.
 *
 * After each mark-compact V8 sets the old generation's limit at its live size times a factor it
 * picks between 1.1 and 4 from how fast the collection was against the program, and it counts
 * the uploads' buffers (memory outside the heap, about 1 MB per 1 MB uploaded) against that
 * limit. A server whose collections are fast gets a small factor, and then its buffers alone pass
 * the limit: a full collection every upload or two, for as long as the process lives. Measured
 * (two server processes side by side, sink and bare proxy beside them): 1,500 uploads of 1 MB,
 * 65–141 mark-compacts and 3.9–4.8 ms of CPU per upload by default, 2 and 3.0 ms with the factor
 * fixed at V8's largest (4); at 20 MB, one mark-compact per upload in 2 of 6 default processes
 * (twice the CPU), none in any with it; peak RSS about the same (138–152 MB against 146–153, side
 * by side). The binary sets
 * it when it starts; an operator's own `--heap-growing-percent` is left as given.
 * @module
 */
import { setFlagsFromString } from "node:v8";

/** V8's flag for the factor: 1 + percent / 100, here V8's own largest (4). */
const heapGrowingFlag = "--heap-growing-percent=300";

/** Whether the process was started with its own heap growing factor (then it is kept). */
export function hasOwnHeapGrowing(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => /^--heap[-_]growing[-_]percent(=|$)/.test(arg));
}

/** Fixes the heap growing factor for this process, unless it was started with its own. */
export function fixHeapGrowing(execArgv: readonly string[] = process.execArgv): boolean {
  if (hasOwnHeapGrowing(execArgv)) return false;
  setFlagsFromString(heapGrowingFlag);
  return true;
}
