// The download throughput measurement (lib/download-throughput.mjs) in a process of its own, so
// that what it measures is a process that downloads, not the state the bench's own process is in
// after the steps before (see bench/README.md, "Downloads").
// Usage: node download-speed-process.mjs <contentUrl> <contentPid> <targetDir> <runs> <bytes>...
//   → prints {"rows":[…],"collections":{…}}
import { countCollections } from "./lib/collections.mjs";
import { measureDownloadThroughput } from "./lib/download-throughput.mjs";

const [contentUrl, contentPid, targetDir, runs, ...sizes] = process.argv.slice(2);
const stopCounting = countCollections();
const rows = await measureDownloadThroughput(contentUrl, sizes.map(Number), targetDir, Number(runs), Number(contentPid));
console.log(JSON.stringify({ rows, collections: stopCounting() }));
