/**
 * The binary fixes V8's heap growing factor at start (see `src/lifecycle/heap-growth.ts`), unless
 * the operator started Node with a factor of their own.
 */
import { expect, test } from "vitest";
import { fixHeapGrowing, hasOwnHeapGrowing } from "../src/lifecycle/heap-growth.js";

test.each([
  [["--heap-growing-percent=50"], true],
  [["--heap_growing_percent=50"], true],
  [["--trace-gc", "--heap-growing-percent", "50"], true],
  [["--heap-growing-percentage=50"], false],
  [["--max-old-space-size=512"], false],
  [[], false],
])("node %j is started with its own factor: %s", (execArgv, own) => {
  expect(hasOwnHeapGrowing(execArgv)).toBe(own);
});

test("an operator's own factor is kept; otherwise the factor is set to V8's largest", () => {
  expect(fixHeapGrowing(["--heap-growing-percent=50"])).toBe(false);
  expect(fixHeapGrowing(["--trace-gc"])).toBe(true);
});
