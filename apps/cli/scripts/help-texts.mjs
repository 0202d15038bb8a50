#!/usr/bin/env node
/**
 * A step of the CLI's build, after compile-cache.mjs: runs the built CLI's `--help` and the
 * `--help` of each of its commands (found in the "Commands:" list of each help, depth first) and
 * writes what each printed to dist/help-texts.json, keyed by the command's path ("" for the CLI,
 * "files list" for a subcommand). The starter (bin/minimax-files.cjs) prints these for
 * `<path> --help` and `<path> -h` without reading the bundle. Help is rendered 80 columns wide
 * on every terminal (src/main.ts), so the text printed at build is the text the program prints.
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const starter = fileURLToPath(new URL("../bin/minimax-files.cjs", import.meta.url));
const output = fileURLToPath(new URL("../dist/help-texts.json", import.meta.url));
const fail = (why) => {
  console.error(`help-texts: ${why}`);
  process.exit(1);
};

/** The names in a help's "Commands:" list (commander's own `help` command left out). */
function subcommandNames(help) {
  const list = /^Commands:\n((?: {2}.*\n)+)/m.exec(help)?.[1] ?? "";
  // A name starts a line indented by two spaces; deeper lines continue a description.
  return [...list.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1]).filter((name) => name !== "help");
}

// A file left by an earlier run would answer in the program's place.
rmSync(output, { force: true });
const texts = {};
const pending = [[]];
while (pending.length > 0) {
  const path = pending.shift();
  const run = spawnSync(process.execPath, [starter, ...path, "--help"], {
    encoding: "utf8",
    env: { ...process.env, MINIMAX_FILES_COMPILE_CACHE: "off" },
  });
  const command = ["minimax-files", ...path, "--help"].join(" ");
  if (run.status !== 0 || run.stderr !== "") fail(`${command} exited ${run.status}:\n${run.stderr}`);
  if (!run.stdout.startsWith(`Usage: ${["minimax-files", ...path].join(" ")}`)) fail(`${command} printed no usage:\n${run.stdout}`);
  texts[path.join(" ")] = run.stdout;
  pending.push(...subcommandNames(run.stdout).map((name) => [...path, name]));
}
if (Object.keys(texts).length < 2) fail("found no commands in the CLI's help");
writeFileSync(output, `${JSON.stringify(texts)}\n`);
