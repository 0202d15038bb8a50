// Adds up the vitest JSON reports that `pnpm test` wrote (one per package) into one closing line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const reports = ["packages", "apps"]
  .flatMap((root) => readdirSync(root).map((name) => join(root, name, "test-results.json")))
  .filter((path) => existsSync(path));

let passed = 0;
let failed = 0;
let skipped = 0;
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (passed + failed === 0) {
  console.error("no test results were found");
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
