#!/usr/bin/env node
// Part of `pnpm lint`: Biome's formatter keeps code to `formatter.lineWidth` (biome.json) but
// cannot break a long string, template or comment; this fails on any line it left wider.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const width = JSON.parse(readFileSync("biome.json", "utf8")).formatter.lineWidth;
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.mts", "*.mjs", "*.js"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((path) => path && !path.includes("/src/generated/"));
const over = files.flatMap((path) =>
  readFileSync(path, "utf8")
    .split("\n")
    .flatMap((line, index) => ([...line].length > width ? [`${path}:${index + 1}: ${[...line].length} characters`] : [])),
);
if (over.length > 0) {
  console.error(`${over.length} line(s) wider than ${width} characters (biome.json formatter.lineWidth):\n${over.join("\n")}`);
  process.exit(1);
}
