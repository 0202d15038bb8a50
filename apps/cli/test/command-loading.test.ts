/**
 * A command loads only what it runs: every command's --help (and --version) answers without
 * core's client or zod, which are what make a cold start slow (see bench/: the client's modules
 * take longer to load than Node takes to start). Checked with a loader hook that refuses them.
 */
import { execFile } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

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
    // The same help from the program itself (the starter answers the ones above from the help
    // kept at build; see kept-help.test.ts).
    ["help"],
    ["help", "upload"],
    ["help", "check"],
    ["files", "help", "list"],
    ["files", "help", "download"],
    ["help", "clone"],
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

// commander loads node:child_process at start, for executable subcommands this CLI has none of;
// the bundle loads it on first use instead (scripts/lazy-child-process.ts): 10–14 ms of a start.
describe("Node's modules a --help loads", () => {
  const reportNodeModules = fileURLToPath(new URL("./fixtures/report-node-modules.cjs", import.meta.url));
  const nodeModulesOf = async (args: string[]) =>
    (await run(process.execPath, ["--require", reportNodeModules, ...args])).stderr.trim().split("\n");

  // Help asked of the program (`help …`), not the help kept at build, which loads no bundle at all.
  test.each(["help", "files help download", "help clone"])("minimax-files %s loads no child_process", async (command) => {
    const loaded = await nodeModulesOf([bin, ...command.split(" ")]);
    expect(loaded).toContain("fs"); // the report lists what loaded
    expect(loaded).not.toContain("child_process");
  });

  test("a program that loads child_process is reported as loading it (so the check can fail)", async () => {
    expect(await nodeModulesOf(["-e", "require('node:child_process')"])).toContain("child_process");
  });
});

// bin/minimax-files.cjs starts the bundle from V8's code cache, this user's, written after the
// first start; a copy of the starter and the bundle, with a cache folder of its own, shows each
// case under whatever Node runs this. The copy has no help kept at build, so its --help starts the bundle.
describe("the compile cache", () => {
  let copy: string;
  let cacheFolder: string;
  const starter = () => join(copy, "bin", "minimax-files.cjs");
  const start = (args: string[], mode = "check", folder = cacheFolder) =>
    run(process.execPath, [starter(), ...args], {
      env: { ...process.env, MINIMAX_FILES_CACHE_DIR: folder, MINIMAX_FILES_COMPILE_CACHE: mode },
    });
  const helpOf = async (args: string[]) =>
    (await run(process.execPath, [bin, ...args], { env: { ...process.env, MINIMAX_FILES_COMPILE_CACHE: "off" } })).stdout;
  const cacheFiles = async (folder = cacheFolder) => (await readdir(folder).catch(() => [])).filter((name) => name.endsWith(".v8cache"));

  beforeEach(async () => {
    copy = await mkdtemp(join(tmpdir(), "minimax-files-cache-"));
    cacheFolder = join(copy, "cache");
    await Promise.all([mkdir(join(copy, "bin")), mkdir(join(copy, "dist"))]);
    await copyFile(bin, starter());
    await copyFile(fileURLToPath(new URL("../dist/bin.cjs", import.meta.url)), join(copy, "dist", "bin.cjs"));
    // The starter answers --version from the package's package.json, as an installed package has it.
    await copyFile(fileURLToPath(new URL("../package.json", import.meta.url)), join(copy, "package.json"));
  });
  afterEach(() => rm(copy, { recursive: true, force: true }));

  test("the first start writes it, the next one runs from it, and both answer the same", async () => {
    const first = await start(["clone", "--help"]);
    expect(first.stderr).toBe("compile cache: missing\n");
    expect(await cacheFiles()).toHaveLength(1);
    expect((await stat(cacheFolder)).mode & 0o777).toBe(0o700);
    const second = await start(["upload", "--help"]);
    expect(second.stderr).toBe("compile cache: accepted\n");
    expect([first.stdout, second.stdout]).toEqual([await helpOf(["clone", "--help"]), await helpOf(["upload", "--help"])]);
  });

  test("one V8 cannot use is refused, the bundle is compiled, and the cache is written again", async () => {
    await start(["--help"]);
    const [name] = await cacheFiles();
    await writeFile(join(cacheFolder, name ?? ""), Buffer.alloc(4096, 7));
    const refused = await start(["--help"]);
    expect(refused.stderr).toBe("compile cache: rejected\n");
    expect(refused.stdout).toBe(await helpOf(["--help"]));
    expect((await start(["--help"])).stderr).toBe("compile cache: accepted\n");
  });

  test("a cache made from another build of the bundle is not used", async () => {
    await start(["--help"]);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(copy, "dist", "bin.cjs"), later, later);
    expect((await start(["--help"])).stderr).toBe("compile cache: missing\n");
    expect(await cacheFiles()).toHaveLength(1); // the new bundle's replaced the old one's
  });

  test("a folder others may write to is neither read nor written", async () => {
    await start(["--help"]);
    await chmod(cacheFolder, 0o777);
    expect((await start(["--help"])).stderr).toBe("compile cache: missing\n");
    await rm(join(cacheFolder, (await cacheFiles())[0] ?? ""));
    await start(["--help"]);
    expect(await cacheFiles()).toEqual([]);
  });

  test("--version neither reads nor writes it, so the cache is written by a start that loads the commands", async () => {
    const version = await start(["--version"]);
    expect(version.stderr).toBe("compile cache: not used\n");
    expect(await cacheFiles()).toEqual([]);
    expect((await start(["clone", "--help"])).stderr).toBe("compile cache: missing\n");
    const written = await cacheFiles();
    expect(written).toHaveLength(1);
    expect((await start(["-v"])).stderr).toBe("compile cache: not used\n");
    expect(await cacheFiles()).toEqual(written);
    expect((await start(["--version"])).stdout).toBe(version.stdout);
  });

  test("--version reads neither the bundle nor its cache: it answers with the bundle gone", async () => {
    const withBundle = await start(["--version"]);
    await rm(join(copy, "dist"), { recursive: true });
    const without = await start(["--version"]);
    expect(without.stdout).toBe(withBundle.stdout);
    expect(without.stdout).toBe(`${JSON.parse(await readFile(join(copy, "package.json"), "utf8")).version}\n`);
  });

  test("MINIMAX_FILES_COMPILE_CACHE=off writes none", async () => {
    const { stdout } = await start(["--help"], "off");
    expect(stdout).toBe(await helpOf(["--help"]));
    expect(await cacheFiles()).toEqual([]);
  });
});
