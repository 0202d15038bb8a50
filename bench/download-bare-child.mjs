// The simplest downloads to a path, for comparison with core's: node:http piped to a file, and
// fetch's body piped to a file, each in a process of its own.
// Usage: node download-bare-child.mjs <http|fetch> <url> <target>   → prints {"maxRssBytes":…,"bytes":…}
import { createWriteStream, statSync } from "node:fs";
import { get } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { peakRssBytes } from "./lib/peak-rss.mjs";

const [mode, url, target] = process.argv.slice(2);
if (mode === "fetch") {
  const response = await fetch(url);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(target));
} else {
  await new Promise((resolve, reject) => get(url, (response) => pipeline(response, createWriteStream(target)).then(resolve, reject)));
}
console.log(JSON.stringify({ maxRssBytes: peakRssBytes(), bytes: statSync(target).size }));
