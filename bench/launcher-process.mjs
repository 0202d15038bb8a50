// Runs commands for the bench's measuring process, so that it never forks while it measures.
// A fork marks every page of the forking process copy-on-write: whatever that process does next
// takes a page fault per page it writes, about 8,500 of them for a 20 MB download after one
// `curl` (120 ms more than the same download after another download, measured), which the tool
// measured right after curl paid alone. Here the forks cost this process only.
// Protocol: one JSON line per command on stdin, {id, file, args}; one JSON line per answer on
// stdout, {id, ms, stdout, stderr, error?}, `ms` the command's wall time from spawn to exit.
import { execFile } from "node:child_process";
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  const { id, file, args } = JSON.parse(line);
  const start = performance.now();
  execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
    const ms = performance.now() - start;
    process.stdout.write(`${JSON.stringify({ id, ms, stdout, stderr, error: error ? String(error.message) : undefined })}\n`);
  });
}
