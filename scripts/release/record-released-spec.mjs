#!/usr/bin/env node
// After `changeset publish`: the spec just released becomes the baseline of the breaking-change
// gate (spec/released/openapi.yaml). Commit it with the release.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./packages.mjs";

copyFileSync(join(root, "spec/openapi.yaml"), join(root, "spec/released/openapi.yaml"));
console.log("spec/released/openapi.yaml now holds the released spec: commit it with the release");
