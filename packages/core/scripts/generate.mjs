#!/usr/bin/env node
/**
 * Generates `src/generated/openapi.ts` from the repository's `spec/openapi.yaml`.
 *
 *   node scripts/generate.mjs          write the file
 *   node scripts/generate.mjs --check  exit 1 when the committed file differs from the spec
 *   --spec <path>                      read another spec (tests use it to prove the check fails)
 *
 * Binary schema fields (`format: binary`) become `Blob`, which is what a multipart body holds.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import ts from "typescript";

const specFlag = process.argv.indexOf("--spec");
const specUrl =
  specFlag === -1 ? new URL("../../../spec/openapi.yaml", import.meta.url) : pathToFileURL(resolve(process.argv[specFlag + 1] ?? ""));
const outputUrl = new URL("../src/generated/openapi.ts", import.meta.url);
const outputPath = fileURLToPath(outputUrl);
const shownPath = relative(process.cwd(), outputPath);

const header = COMMENT_HEADER.replace(
  " */",
  " * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; `pnpm generate:check` fails when stale.\n */",
);

async function render() {
  const ast = await openapiTS(specUrl, {
    // Runtime arrays of every enum (e.g. `purposeValues`), so code reads them instead of repeating them.
    enumValues: true,
    transform(schemaObject) {
      if (schemaObject.format === "binary") {
        return ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
      }
      return undefined;
    },
  });
  return header + astToString(ast);
}

const generated = await render();

if (process.argv.includes("--check")) {
  const committed = await readFile(outputUrl, "utf8").catch(() => "");
  if (committed !== generated) {
    console.error(`${shownPath} does not match spec/openapi.yaml. Run \`pnpm generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${shownPath} matches spec/openapi.yaml.`);
} else {
  await mkdir(dirname(outputPath), { recursive: true });
  await writeFile(outputUrl, generated);
  console.log(`Wrote ${shownPath} from spec/openapi.yaml.`);
}
