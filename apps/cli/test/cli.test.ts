/**
 * Runs the built CLI (bin/minimax-files.js → dist/) as a real process against the Prism mock.
 */
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeWav } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

const bin = new URL("../bin/minimax-files.js", import.meta.url).pathname;
const apiKey = "cli-SECRET-key-456";
let dir: string;
let clipPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "minimax-files-cli-"));
  clipPath = join(dir, "voice.wav");
  await writeFile(clipPath, makeWav({ seconds: 12 }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: inject("prismUrl"), ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

function expectOneErrorLine(run: Run, pattern: RegExp) {
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^minimax-files: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toContain(apiKey);
}

describe("minimax-files upload", () => {
  test("prints what was stored as JSON and exits 0", async () => {
    const run = await cli(["upload", clipPath, "--purpose", "voice_clone"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toEqual({
      file_id: "362854771301234",
      bytes: 5896337,
      created_at: 1700469398,
      filename: "sample.wav",
      purpose: "voice_clone",
    });
  });

  test("--base-url overrides MINIMAX_BASE_URL", async () => {
    const run = await cli(["upload", clipPath, "--base-url", inject("prismUrl")], { MINIMAX_BASE_URL: "http://127.0.0.1:9" });
    expect(run.code).toBe(0);
  });

  test("MiniMax's refusal prints one line with code and message and exits 1", async () => {
    const run = await cli(["upload", clipPath, "-H", "Prefer: example=rate_limited", "--max-retries", "0"]);
    expect(run.code).toBe(1);
    expectOneErrorLine(run, /1002.*rate limit/);
  });

  test("--max-retries and --timeout take whole numbers", async () => {
    const run = await cli(["upload", clipPath, "--max-retries", "two"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-retries takes a whole number, got "two"');
  });

  test("a missing API key is a usage error naming MINIMAX_API_KEY", async () => {
    const run = await cli(["upload", clipPath], { MINIMAX_API_KEY: "" });
    expect(run.code).toBe(2);
    expectOneErrorLine(run, /MINIMAX_API_KEY/);
  });

  test("a missing file is a usage error naming the path", async () => {
    const run = await cli(["upload", join(dir, "absent.wav")]);
    expect(run.code).toBe(2);
    expectOneErrorLine(run, /absent\.wav.*ENOENT/);
  });

  test("an unknown purpose is refused by the argument parser with exit 2", async () => {
    const run = await cli(["upload", clipPath, "--purpose", "music"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("voice_clone, prompt_audio");
  });

  test("audio that fails a pre-flight check is refused with exit 2 naming the rule; --no-preflight sends it", async () => {
    const shortClip = join(dir, "short.wav");
    await writeFile(shortClip, makeWav({ seconds: 3 }));
    const refused = await cli(["upload", shortClip]);
    expect(refused.code).toBe(2);
    expectOneErrorLine(refused, /duration check.*3 s.*10 s to 300 s for voice_clone/);
    const sent = await cli(["upload", shortClip, "--no-preflight"]);
    expect(sent.code).toBe(0);
  });

  test("an unreachable endpoint exits 1 with one line", async () => {
    const run = await cli(["upload", clipPath, "--base-url", "http://127.0.0.1:9", "--max-retries", "0"]);
    expect(run.code).toBe(1);
    expectOneErrorLine(run, /Could not reach http:\/\/127\.0\.0\.1:9/);
  });
});

test("--version prints the package version", async () => {
  const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  const run = await cli(["--version"]);
  expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
});
