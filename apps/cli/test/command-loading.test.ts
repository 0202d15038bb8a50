/**
 * A command loads only what it runs: every command's --help (and --version) answers without
 * core's client or zod, which are what make a cold start slow (see bench/: the client's modules
 * take longer to load than Node takes to start). Checked with a loader hook that refuses them.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../bin/minimax-files.cjs", import.meta.url));
const refuseClient = fileURLToPath(new URL("./fixtures/refuse-client.mjs", import.meta.url));
const withoutClient = (args: string[]) =>
  run(process.execPath, ["--import", refuseClient, bin, ...args], { env: { ...process.env, MINIMAX_API_KEY: "test-key" } });

describe("without core's client or zod", () => {
  test.each([
    ["--version"],
    ["--help"],
    ["upload", "--help"],
    ["check", "--help"],
    ["files", "--help"],
    ["files", "list", "--help"],
    ["files", "get", "--help"],
    ["files", "download", "--help"],
    ["files", "delete", "--help"],
    ["clone", "--help"],
  ])("minimax-files %s answers", async (...args) => {
    const { stdout } = await withoutClient(args);
    expect(stdout.length).toBeGreaterThan(0);
    if (args[0] !== "--version") expect(stdout).toMatch(/^Usage: minimax-files/);
  });

  test("a command that runs loads them (so the hook does refuse them)", async () => {
    const failure = await withoutClient(["files", "list", "--base-url", "http://127.0.0.1:9"]).catch((error: { stderr: string }) => error);
    expect(failure).toMatchObject({ stderr: expect.stringContaining("refused to load @minimax-files/core") });
  });
});

// bin/minimax-files.cjs starts the bundle from V8's code cache when V8 takes it; a copy of the
// starter and the bundle, in a folder of their own, shows each case under whatever Node runs this.
describe("the compile cache", () => {
  let copy: string;
  const starter = () => join(copy, "bin", "minimax-files.cjs");
  const start = (args: string[], mode = "check") =>
    run(process.execPath, [starter(), ...args], { env: { ...process.env, MINIMAX_FILES_COMPILE_CACHE: mode } });
  const helpOf = async (args: string[]) => (await run(process.execPath, [bin, ...args])).stdout;

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), "minimax-files-cache-"));
    await Promise.all([mkdir(join(copy, "bin")), mkdir(join(copy, "dist"))]);
    await copyFile(bin, starter());
    await copyFile(fileURLToPath(new URL("../dist/bin.cjs", import.meta.url)), join(copy, "dist", "bin.cjs"));
  });
  afterAll(() => rm(copy, { recursive: true, force: true }));

  test("without one, the bundle is compiled and answers the same", async () => {
    const { stdout, stderr } = await start(["clone", "--help"]);
    expect(stderr).toBe("compile cache: missing\n");
    expect(stdout).toBe(await helpOf(["clone", "--help"]));
  });

  test("the one it writes is taken by the Node that wrote it", async () => {
    await start(["files", "list", "--help"], "write");
    const { stdout, stderr } = await start(["upload", "--help"]);
    expect(stderr).toBe("compile cache: accepted\n");
    expect(stdout).toBe(await helpOf(["upload", "--help"]));
  });

  test("one V8 cannot use (another Node's, or damaged) is refused, and the bundle is compiled", async () => {
    await writeFile(join(copy, "dist", "bin.cjs.cache"), Buffer.alloc(4096, 7));
    const { stdout, stderr } = await start(["--help"]);
    expect(stderr).toBe("compile cache: rejected\n");
    expect(stdout).toBe(await helpOf(["--help"]));
  });
});
