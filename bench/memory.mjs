// Peak RSS of a process streaming a 20 MB and a 1 GB file through the core client to a local
// sink, interleaved, several runs each. Run: pnpm bench:memory
import { execFile } from "node:child_process";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startSink } from "./sink-server.mjs";

const run = promisify(execFile);
const MB = 1024 * 1024;
const sizes = [{ label: "20 MB", bytes: 20 * MB }, { label: "1 GB", bytes: 1024 * MB }];
const runs = Number(process.env.BENCH_RUNS ?? 3);
const targetDifference = 32 * MB;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => (bytes / MB).toFixed(1);

const dir = await mkdtemp(join(tmpdir(), "minimax-files-bench-"));
const sink = await startSink();
try {
  for (const size of sizes) {
    size.path = join(dir, `${size.bytes}.bin`);
    const handle = await open(size.path, "w");
    await handle.truncate(size.bytes); // sparse: reads as zeros, costs no disk
    await handle.close();
    size.rss = [];
  }
  for (let i = 0; i < runs; i++) {
    for (const size of sizes) {
      const { stdout } = await run(process.execPath, [new URL("./upload-child.mjs", import.meta.url).pathname, sink.url, size.path]);
      const result = JSON.parse(stdout);
      const framing = result.uploadedBytes - size.bytes; // multipart boundaries and part headers
      if (framing < 0 || framing > 1024) throw new Error(`sink got ${result.uploadedBytes} bytes for a ${size.bytes}-byte file`);
      size.rss.push(result.maxRssBytes);
    }
  }
  console.log(`Peak RSS of the uploading process (median of ${runs} interleaved runs, Node ${process.version})\n`);
  console.log("| file | peak RSS (MB) | runs (MB) |\n| --- | ---: | --- |");
  for (const size of sizes) console.log(`| ${size.label} | ${mb(median(size.rss))} | ${size.rss.map(mb).join(", ")} |`);
  const difference = median(sizes[1].rss) - median(sizes[0].rss);
  const verdict = difference < targetDifference ? "within" : "MISSES";
  console.log(`\n1 GB minus 20 MB: ${mb(difference)} MB (${verdict} the 32 MB target); size ratio 51.2×, RSS ratio ${(median(sizes[1].rss) / median(sizes[0].rss)).toFixed(2)}×`);
} finally {
  await sink.close();
  await rm(dir, { recursive: true, force: true });
}
