import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { specPath } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

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
    const spec = await readFile(specPath, "utf8");
    const changed = spec.replace("enum: [voice_clone, prompt_audio]", "enum: [voice_clone, prompt_audio, music]");
    expect(changed).not.toBe(spec);
    await writeFile(edited, changed);
    const failure = await run(process.execPath, [generator, "--check", "--spec", edited]).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("pnpm generate");
  });
});
