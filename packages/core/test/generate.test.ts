import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { specDocument } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";

const run = promisify(execFile);
const generator = new URL("../scripts/generate.mjs", import.meta.url).pathname;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "minimax-files-spec-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("generate:check", () => {
  test("passes while the committed types match spec/openapi.yaml", async () => {
    const { stdout } = await run(process.execPath, [generator, "--check"]);
    expect(stdout).toContain("matches");
  });

  test("fails, telling what to run, when the spec changed without regenerating", async () => {
    const edited = join(dir, "openapi.yaml");
    // Edited as a document, not as text: a reformatted spec cannot make this test pass by accident.
    const changed = structuredClone(specDocument) as unknown as { components: { schemas: { Purpose: { enum: string[] } } } };
    changed.components.schemas.Purpose.enum.push("music");
    await writeFile(edited, stringify(changed));
    const failure = await run(process.execPath, [generator, "--check", "--spec", edited]).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("pnpm generate");
  });
});
