// One download to a path in a process of its own, so its peak RSS is the download's alone.
// Usage: node download-child.mjs <content url> <file id> <target path>   → prints {"maxRssBytes":…,"bytes":…}
import { MiniMaxFiles } from "@minimax-files/core";
import { peakRssBytes } from "./lib/peak-rss.mjs";

const [url, fileId, target] = process.argv.slice(2);
const client = new MiniMaxFiles({ apiKey: "bench-key-0000", baseURL: url });
const { bytes } = await client.files.download(fileId, target, { overwrite: true });
console.log(JSON.stringify({ maxRssBytes: peakRssBytes(), bytes }));
