/**
 * A command loads only what it runs: every command's --help (and --version) answers without
 * core's client or zod, which are what make a cold start slow (see bench/: the client's modules
 * take longer to load than Node takes to start). Checked with a loader hook that refuses them.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

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
