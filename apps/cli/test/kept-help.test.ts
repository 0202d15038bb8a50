/**
 * The build renders every command's help by running the bundle (scripts/help-texts.mjs), and the
 * starter prints it for `<command> --help` without reading the bundle. Checked against what the
 * program itself prints: a copy of the starter and the bundle without the kept texts.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../bin/minimax-files.cjs", import.meta.url));
const keptFile = fileURLToPath(new URL("../dist/help-texts.json", import.meta.url));
const kept = JSON.parse(await readFile(keptFile, "utf8")) as Record<string, string>;
const argsOf = (path: string, flag = "--help") => [...path.split(" ").filter(Boolean), flag];

let copy: string;
const programOnly = () => join(copy, "bin", "minimax-files.cjs");
/**
 * Runs a starter; its stderr says whether the bundle ran ("compile cache: not used" when it did
 * not). Its compile cache goes to the copy's folder, never to this user's.
 */
const start = (starter: string, args: string[]) =>
  run(process.execPath, [starter, ...args], {
    env: { ...process.env, MINIMAX_FILES_CACHE_DIR: join(copy, "cache"), MINIMAX_FILES_COMPILE_CACHE: "check" },
  });

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "minimax-files-help-"));
  await Promise.all([mkdir(join(copy, "bin")), mkdir(join(copy, "dist"))]);
  await copyFile(bin, programOnly());
  await copyFile(fileURLToPath(new URL("../dist/bin.cjs", import.meta.url)), join(copy, "dist", "bin.cjs"));
  await copyFile(fileURLToPath(new URL("../package.json", import.meta.url)), join(copy, "package.json"));
});
afterAll(() => rm(copy, { recursive: true, force: true }));

describe("help kept at build", () => {
  test("the build found every command", () => {
    expect(Object.keys(kept).sort()).toEqual([
      "",
      "check",
      "clone",
      "files",
      "files delete",
      "files download",
      "files get",
      "files list",
      "upload",
    ]);
  });

  test.each(Object.keys(kept))("minimax-files %s --help prints the program's own help without reading the bundle", async (path) => {
    const answered = await start(bin, argsOf(path));
    expect(answered.stderr).toBe("compile cache: not used\n");
    const program = await start(programOnly(), argsOf(path));
    expect(program.stderr).not.toBe("compile cache: not used\n");
    expect(answered.stdout).toBe(program.stdout);
    expect(answered.stdout).toMatch(new RegExp(`^Usage: ${["minimax-files", path].join(" ").trim()} `));
  });

  test("-h is answered the same way", async () => {
    const answered = await start(bin, argsOf("files list", "-h"));
    expect(answered).toEqual({ stdout: kept["files list"], stderr: "compile cache: not used\n" });
  });

  test.each([
    ["upload", "--quiet", "--help"],
    ["help", "upload"],
    ["constructor", "--help"],
  ])("minimax-files %s … is left to the program", async (...args) => {
    const answered = await start(bin, args).catch((error: { stdout: string; stderr: string }) => error);
    expect(answered.stderr).not.toContain("compile cache: not used");
    expect(answered.stderr).toMatch(/^compile cache: (missing|accepted)\n/);
  });

  test("the program's help is the kept text on a terminal of any width", async () => {
    // util-linux `script` gives the program a 140-column terminal; --quiet makes it start the bundle.
    const { stdout } = await run("script", ["-qec", `stty cols 140; node ${programOnly()} upload --quiet --help`, "/dev/null"], {
      env: { PATH: process.env["PATH"] ?? "", TERM: "xterm", MINIMAX_FILES_COMPILE_CACHE: "off" },
    });
    expect(stdout.replaceAll("\r\n", "\n")).toBe(kept["upload"]);
  });
});
