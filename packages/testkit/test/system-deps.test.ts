/**
 * `scripts/system-deps.mjs`, which `pnpm test` runs before any test: it finds the programs the tests
 * start on PATH, installs the missing ones with apt-get where it may, and otherwise stops with one
 * line naming each missing program and the command that installs it.
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";

const script = fileURLToPath(new URL("../../../scripts/system-deps.mjs", import.meta.url));
const tools = ["ffmpeg", "lame", "espeak-ng", "redis-server", "chromium", "script"];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A folder for PATH holding executables that do nothing but append their arguments to `calls.log`. */
async function binFolder(commands: readonly string[]): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "system-deps-"));
  folders.push(folder);
  for (const command of commands) {
    await writeFile(join(folder, command), `#!/bin/sh\necho "${command} $*" >> "${folder}/calls.log"\n`);
    await chmod(join(folder, command), 0o755);
  }
  return folder;
}

const runScript = (path: string, args: string[] = []) =>
  spawnSync(process.execPath, [script, ...args], { env: { PATH: path }, encoding: "utf8" });

test("every program on PATH: exits 0 and prints nothing", async () => {
  const run = runScript(await binFolder(tools), ["--check"]);
  expect(run).toMatchObject({ status: 0, stdout: "", stderr: "" });
});

test("programs missing and --check: exits 1 with one line naming each missing one and the apt-get command", async () => {
  const run = runScript(await binFolder(["apt-get", "ffmpeg", "script"]), ["--check"]);
  expect(run.status).toBe(1);
  expect(run.stderr.trimEnd().split("\n")).toEqual([
    "system-deps: the tests need lame (MP3 fixtures), espeak-ng (speech fixtures), redis-server (limits shared by server instances), " +
      "chromium (browser tests), which are not installed; install them with: sudo apt-get install -y lame espeak-ng redis-server chromium",
  ]);
});

test("without apt-get: the line still names every missing program and the Debian packages", async () => {
  const run = runScript(await binFolder(["ffmpeg", "lame", "espeak-ng", "redis-server", "chromium"]), ["--check"]);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/need script \(terminal tests of the CLI\).*install the Debian packages bsdutils/);
});

// Installing needs root (or password-less sudo) on Debian; elsewhere the script only advises.
test.runIf(process.getuid?.() === 0)("as root on Debian: apt-get installs exactly the missing packages, then it checks again", async () => {
  const folder = await binFolder(["apt-get", "ffmpeg", "lame", "espeak-ng", "script"]);
  const run = runScript(folder);
  const calls = (await readFile(join(folder, "calls.log"), "utf8")).trimEnd().split("\n");
  expect(calls).toEqual(["apt-get update -qq", "apt-get install -y -qq --no-install-recommends redis-server chromium"]);
  expect(run.stdout).toMatch(/^system-deps: installing redis-server, chromium with apt-get/);
  // The stub installed nothing, so the check after it still fails, naming what is missing.
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(
    /the tests need redis-server .*, chromium .*; install them with: sudo apt-get install -y redis-server chromium/,
  );
});
