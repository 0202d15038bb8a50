#!/usr/bin/env node
/**
 * `pnpm check:release`: what must hold before a release, on a clean tree. Builds, then:
 * the breaking-change gate on the spec, a changeset for every changed package, and the consumer
 * smoke test of the packed tarballs (see scripts/release/). Prints every problem; exits 1 on any.
 */
import { execFileSync } from "node:child_process";
import { changesetGate } from "./release/changeset-gate.mjs";
import { consumerSmoke } from "./release/consumer-smoke.mjs";
import { root } from "./release/packages.mjs";
import { specGate } from "./release/spec-gate.mjs";

const only = process.argv.includes("--gates-only");
const step = (text) => console.log(`  ok  ${text}`);
const problems = [];

if (!only) {
  execFileSync("pnpm", ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  step("build");
}
problems.push(...(await specGate()));
if (!problems.length) step("spec: no breaking change since the last release, or the changesets it needs");
const missing = changesetGate();
problems.push(...missing);
if (!missing.length) step("every changed published package has a changeset");
if (!only) problems.push(...(await consumerSmoke(step)));

if (problems.length) {
  console.error(`\ncheck:release failed (${problems.length} problem${problems.length > 1 ? "s" : ""}):\n`);
  for (const problem of problems) console.error(`- ${problem}\n`);
  process.exit(1);
}
console.log("\ncheck:release passed");
