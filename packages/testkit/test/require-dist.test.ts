/**
 * The prepack guard of the published packages (`scripts/require-dist.mjs`) judges `dist/` by the
 * content of the build's inputs (`scripts/build-digest.mjs`), not by modification times: a source
 * rewritten with the same bytes (as `pnpm generate` does) or a `dist/` restored from turbo's cache
 * passes; a changed source fails until the package is built again.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, test } from "vitest";

const scripts = fileURLToPath(new URL("../../../scripts/", import.meta.url));
let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "require-dist-"));
  await mkdir(join(folder, "src"));
  await mkdir(join(folder, "dist"));
  await writeFile(join(folder, "package.json"), JSON.stringify({ name: "@example/pkg", version: "1.0.0" }));
  await writeFile(join(folder, "src", "index.ts"), "export const answer = 42;\n");
  await writeFile(join(folder, "dist", "index.js"), "export const answer = 42;\n");
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const node = (script: string, args: string[] = []) =>
  spawnSync(process.execPath, [join(scripts, script), ...args], { cwd: folder, encoding: "utf8" });
const build = () => expect(node("build-digest.mjs", ["--write"]).status).toBe(0);

test("a dist/ built from these sources passes, also after a source is rewritten with the same bytes and a newer time", async () => {
  build();
  expect(node("require-dist.mjs")).toMatchObject({ status: 0, stderr: "" });
  const later = new Date(Date.now() + 60_000);
  await writeFile(join(folder, "src", "index.ts"), "export const answer = 42;\n");
  await utimes(join(folder, "src", "index.ts"), later, later);
  expect(node("require-dist.mjs")).toMatchObject({ status: 0, stderr: "" });
});

test("a changed source fails with advice, and the advice (building again) makes it pass", async () => {
  build();
  await writeFile(join(folder, "src", "index.ts"), "export const answer = 43;\n");
  const stale = node("require-dist.mjs");
  expect(stale.status).toBe(1);
  expect(stale.stderr).toBe(
    "@example/pkg: dist/ was built from other sources than these (src/, package.json, the spec, …). " +
      "Run `pnpm build` at the repository root before packing.\n",
  );
  build();
  expect(node("require-dist.mjs").status).toBe(0);
});

test("a changed package.json (a version bump the CLI bundles) also needs a build", async () => {
  build();
  await writeFile(join(folder, "package.json"), JSON.stringify({ name: "@example/pkg", version: "1.1.0" }));
  expect(node("require-dist.mjs").status).toBe(1);
});

test("no build at all, or one without its digest: refused, naming what is missing", async () => {
  expect(node("require-dist.mjs").stderr).toMatch(/^@example\/pkg: dist\/ has no dist\/.build-digest\. Run `pnpm build`/);
  await rm(join(folder, "dist", "index.js"));
  expect(node("require-dist.mjs")).toMatchObject({
    status: 1,
    stderr: expect.stringMatching(/dist\/index\.js is missing\. Run `pnpm build`/),
  });
});
