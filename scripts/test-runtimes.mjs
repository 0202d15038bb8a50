#!/usr/bin/env node
/**
 * Runs the published packages' test suites again under other Node versions: 20.19.0 (the floor
 * the packages declare), 22 and 24 by default, with runtime binaries from the npm registry
 * (`npx node@<version>`). Each run writes its own JSON report (`test-results.node<version>.json`),
 * which `.ci/summarize-tests.mjs` adds up. `pnpm test:runtimes 22` runs one version.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const suites = ["packages/core", "packages/mock", "apps/cli", "apps/server"];
const versions = process.argv.slice(2).length ? process.argv.slice(2) : ["20.19.0", "22", "24"];

for (const wanted of versions) {
  const runtime = ["-y", `node@${wanted}`];
  const version = spawnSync("npx", [...runtime, "--version"], { cwd: root, encoding: "utf8" });
  if (version.status !== 0 || !version.stdout.startsWith(`v${wanted}`)) {
    console.error(`could not get Node ${wanted}: ${version.stderr || version.stdout}`);
    process.exit(1);
  }
  for (const suite of suites) {
    const cwd = join(root, suite);
    const vitest = join(dirname(createRequire(join(cwd, "package.json")).resolve("vitest/package.json")), "vitest.mjs");
    console.log(`\n=== ${suite} under Node ${version.stdout.trim()} ===`);
    const started = Date.now();
    const run = spawnSync(
      "npx",
      [...runtime, vitest, "run", "--reporter=dot", "--reporter=json", `--outputFile.json=test-results.node${wanted}.json`],
      { cwd, stdio: "inherit", env: { ...process.env, VITEST_JSON_REPORT: `test-results.node${wanted}.json` } },
    );
    console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
