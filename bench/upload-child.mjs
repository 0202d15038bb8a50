// One upload in a process of its own, so its peak RSS is the upload's alone.
// Usage: node upload-child.mjs <sink url> <file path>   → prints {"maxRssBytes":…,"uploadedBytes":…}
import { MiniMaxFiles } from "@minimax-files/core";
import { peakRssBytes } from "./lib/peak-rss.mjs";

const [url, path] = process.argv.slice(2);
const client = new MiniMaxFiles({ apiKey: "bench-key-0000", baseURL: url, preflight: false });
const file = await client.upload({ file: path, purpose: "voice_clone" });
console.log(JSON.stringify({ maxRssBytes: peakRssBytes(), uploadedBytes: file.bytes }));
