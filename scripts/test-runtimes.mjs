#!/usr/bin/env node
/**
 * Runs the published packages' test suites again under other Node versions: 20.19.0 (the floor
 * the packages declare), 22 and 24 by default, with runtime binaries from the npm registry
 * (`npx node@<version>`). Each run writes its own JSON report (`test-results.node<version>.json`),
 * which `.ci/summarize-tests.mjs` adds up. `pnpm test:runtimes 22` runs one version. Two suites
 * run at once.
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// Longest first: two run at once (the suites wait on the processes they start more than they
// compute, as turbo's parallel `pnpm test` shows), each one's output printed whole when it ends.
const suites = ["packages/core", "apps/server", "apps/cli", "packages/mock"];
const atOnce = 2;
const versions = process.argv.slice(2).length ? process.argv.slice(2) : ["20.19.0", "22", "24"];

/** Runs one suite under `runtime`; resolves with its exit status once its output is printed. */
function runSuite(suite, runtime, wanted, version) {
  const cwd = join(root, suite);
  const vitest = join(dirname(createRequire(join(cwd, "package.json")).resolve("vitest/package.json")), "vitest.mjs");
  const started = Date.now();
  const child = spawn(
    "npx",
    [...runtime, vitest, "run", "--reporter=dot", "--reporter=json", `--outputFile.json=test-results.node${wanted}.json`],
    { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, VITEST_JSON_REPORT: `test-results.node${wanted}.json` } },
  );
  const output = [];
  child.stdout.on("data", (chunk) => output.push(chunk));
  child.stderr.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.once("close", (status) => {
      console.log(`\n=== ${suite} under Node ${version} ===`);
      process.stdout.write(Buffer.concat(output));
      console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
      resolve(status ?? 1);
    });
  });
}

for (const wanted of versions) {
  const runtime = ["-y", `node@${wanted}`];
  const version = spawnSync("npx", [...runtime, "--version"], { cwd: root, encoding: "utf8" });
  if (version.status !== 0 || !version.stdout.startsWith(`v${wanted}`)) {
    console.error(`could not get Node ${wanted}: ${version.stderr || version.stdout}`);
    process.exit(1);
  }
  const waiting = [...suites];
  const statuses = await Promise.all(
    Array.from({ length: atOnce }, async () => {
      const own = [];
      for (let suite = waiting.shift(); suite; suite = waiting.shift())
        own.push(await runSuite(suite, runtime, wanted, version.stdout.trim()));
      return own;
    }),
  );
  const failed = statuses.flat().find((status) => status !== 0);
  if (failed !== undefined) process.exit(failed);
}
