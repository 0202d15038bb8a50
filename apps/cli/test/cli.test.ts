/**
 * Runs the built CLI (bin/minimax-files.cjs → dist/) as a real process against the Prism mock.
 */

import { execFile, spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeTone, makeWav } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

const bin = new URL("../bin/minimax-files.cjs", import.meta.url).pathname;
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

function cli(args: string[], env: Record<string, string> = {}, as?: { uid: number; gid: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: inject("prismUrl"), ...env }, ...as },
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
    expectOneErrorLine(refused, /duration check.*3 s.*10 s to 300 s for voice_clone.*Use --no-preflight/);
    expect(refused.stderr).not.toContain("preflight: false");
    const sent = await cli(["upload", shortClip, "--no-preflight"]);
    expect(sent.code).toBe(0);
  });

  test("an unreachable endpoint exits 1 with one line", async () => {
    const run = await cli(["upload", clipPath, "--base-url", "http://127.0.0.1:9", "--max-retries", "0"]);
    expect(run.code).toBe(1);
    expectOneErrorLine(run, /Could not reach http:\/\/127\.0\.0\.1:9/);
  });
});

describe("bad input speaks the CLI's language and exits 2", () => {
  test.each([
    ["a timeout past what a timer holds", ["--timeout", "99999999999"], /Invalid --timeout: got 99999999999/],
    ["too many retries", ["--max-retries", "5000"], /Invalid --max-retries: got 5000/],
    ["a header name with a space", ["-H", "X Bad: 1"], /Invalid --header: the header name "X Bad"/],
    ["a header value outside Latin-1", ["-H", "X-Name: ✓"], /Invalid --header: the value of X-Name .*outside Latin-1/],
    ["a content type with a line break", ["--content-type", "audio/wav\r\nX: 1"], /Invalid --content-type/],
    [
      "a base URL with a query string",
      ["--base-url", "http://127.0.0.1:9/?tenant=a"],
      /Invalid --base-url \(or MINIMAX_BASE_URL\): it has a query string/,
    ],
  ])("%s", async (_, flags, message) => {
    const run = await cli(["upload", clipPath, ...flags.map((f) => f.replace("\\r\\n", "\r\n"))]);
    expect(run.code).toBe(2);
    expectOneErrorLine(run, message);
  });

  test("a FLAC file is refused naming what it is, not its bytes alone", async () => {
    const flac = join(dir, "voice.flac");
    await writeFile(flac, await encodeTone({ seconds: 12, format: "flac" }));
    const run = await cli(["upload", flac]);
    expect(run.code).toBe(2);
    expectOneErrorLine(run, /format check.*found FLAC audio/);
  });

  // Root reads any file, so the CLI runs as nobody to meet a file it cannot read. Skipped when
  // not root, or when nobody cannot run this Node binary and the CLI (a binary in root's home).
  const nobodyRunsCli =
    process.getuid?.() === 0 && spawnSync(process.execPath, [bin, "--version"], { uid: 65534, gid: 65534 }).status === 0;
  test.skipIf(!nobodyRunsCli)("a file it cannot read: exit 2 naming the path and EACCES", async () => {
    const privateDir = await mkdtemp(join(tmpdir(), "minimax-files-cli-private-"));
    try {
      const path = join(privateDir, "private.wav");
      await writeFile(path, makeWav({ seconds: 12 }), { mode: 0o600 });
      await chmod(privateDir, 0o755);
      const run = await cli(["upload", path], {}, { uid: 65534, gid: 65534 });
      expect(run.code).toBe(2);
      expectOneErrorLine(run, new RegExp(`Invalid <file>: cannot read ${path} \\(EACCES\\)`));
    } finally {
      await rm(privateDir, { recursive: true, force: true });
    }
  });
});

test("a file that shrinks while it is sent makes the CLI fail with exit 1 at once, not hang", async () => {
  const path = join(dir, "shrinking.wav");
  const wav = makeWav({ seconds: 300, sampleRate: 32_000 }); // 19 MB
  await writeFile(path, wav);
  // An upstream that reads slowly (64 KiB every 20 ms), so the file can shrink mid-upload.
  let received = 0;
  const slow = createServer((request) => {
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      request.pause();
      setTimeout(() => request.resume(), 20);
    });
  });
  await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
  try {
    const started = performance.now();
    const running = cli([
      "upload",
      path,
      "--base-url",
      `http://127.0.0.1:${(slow.address() as AddressInfo).port}`,
      "--timeout",
      "60000",
      "--max-retries",
      "0",
    ]);
    while (received < 200_000) await new Promise((r) => setTimeout(r, 10));
    await truncate(path, 1_000_000);
    const run = await running;
    expect(run.code).toBe(1);
    expectOneErrorLine(run, new RegExp(`Invalid <file>: the source ended after \\d+ of the ${wav.length} bytes`));
    expect(performance.now() - started).toBeLessThan(15_000);
  } finally {
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  }
});

test("--help says how the content type is chosen, and lists the purposes with their rules from core", async () => {
  const run = await cli(["upload", "--help"]);
  expect(run.code).toBe(0);
  expect(run.stdout.replace(/\s+/g, " ")).toContain("10 s to 300 s for voice_clone; under 8 s for prompt_audio");
  expect(run.stdout.replace(/\s+/g, " ")).toMatch(/choices: "voice_clone", "prompt_audio"/);
  expect(run.stdout.replace(/\s+/g, " ")).toContain(
    "--content-type <type> content type of the file part, for one file " +
      "(default: from the file's bytes: audio/mpeg, audio/wav or audio/mp4; the name is never used)",
  );
});

test("--version prints the package version", async () => {
  const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  const run = await cli(["--version"]);
  expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
});
