#!/usr/bin/env node
/**
 * Runs core's test suite again under Node 22 and Node 24 (runtime binaries from the npm
 * registry, through `npx node@N`), each writing its own JSON report.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
const versions = process.argv.slice(2).length ? process.argv.slice(2) : ["22", "24"];

for (const major of versions) {
  const runtime = ["-y", `node@${major}`];
  const version = spawnSync("npx", [...runtime, "--version"], { cwd: packageDir, encoding: "utf8" });
  if (version.status !== 0 || !version.stdout.startsWith(`v${major}.`)) {
    console.error(`could not get Node ${major}: ${version.stderr || version.stdout}`);
    process.exit(1);
  }
  console.log(`\n=== core tests under Node ${version.stdout.trim()} ===`);
  const run = spawnSync("npx", [...runtime, vitest, "run"], {
    cwd: packageDir,
    stdio: "inherit",
    env: { ...process.env, VITEST_JSON_REPORT: `test-results.node${major}.json` },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
