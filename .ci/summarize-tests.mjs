// Adds up the vitest JSON reports (test-results*.json, one per package and runtime) into one closing line.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const reports = ["packages", "apps"]
  .flatMap((root) => readdirSync(root).map((name) => join(root, name)))
  .filter((dir) => statSync(dir).isDirectory())
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => /^test-results.*\.json$/.test(name))
      .map((name) => join(dir, name)),
  );

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
