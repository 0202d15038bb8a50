/**
 * The built CLI (bin/minimax-files.cjs) as a real process on batches: NDJSON per file, the
 * manifest and resuming, Ctrl-C, the batch slowing down on MiniMax's 1002, `check`, and the
 * progress display under a real pseudo-terminal (util-linux `script`) versus a pipe. Upstreams:
 * the testkit's echo server (it keeps every upload) and fault server (scripted answers).
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuthenticationError, InvalidAPIKeyError, RateLimitError } from "@minimax-files/core";
import { regionBaseURLs } from "@minimax-files/core/hosts";
import { type EchoServer, encodeTone, makeMp3, makeWav, startEchoServer, startFaultServer, successBody } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { loadCore } from "../src/core.js";
import { regionAdvice } from "../src/region-advice.js";

const core = await loadCore();

const bin = new URL("../bin/minimax-files.cjs", import.meta.url).pathname;
const apiKey = "cli-SECRET-key-789";
let dir: string;
let echo: EchoServer;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "minimax-files-batch-"));
  echo = await startEchoServer();
});
afterAll(async () => {
  await echo.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  echo.uploads.length = 0;
});

/** Writes `files` (name → bytes) into a fresh folder; returns their paths. */
async function folder(files: Record<string, Uint8Array | string>): Promise<string[]> {
  const here = await mkdtemp(join(dir, "set-"));
  return Promise.all(
    Object.entries(files).map(async ([name, bytes]) => {
      await writeFile(join(here, name), bytes);
      return join(here, name);
    }),
  );
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], baseURL = echo.url, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: baseURL, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("upload <files...>", () => {
  test("a batch of good and bad files: one JSON line per file as each finishes, exit 4, nothing sent for the bad ones", async () => {
    const [good1, good2, short, page] = await folder({
      "a.wav": makeWav({ seconds: 12 }),
      "b.mp3": makeMp3({ seconds: 11 }),
      "short.wav": makeWav({ seconds: 5 }),
      "page.wav": "<!doctype html><p>not audio</p>",
    });
    const run = await cli(["upload", good1!, good2!, short!, page!, "--concurrency", "2"]);
    expect(run.code).toBe(4);
    const byPath = Object.fromEntries(lines(run.stdout).map((line) => [line["path"], line]));
    expect(Object.keys(byPath).sort()).toEqual([good1, good2, short, page].sort());
    expect(byPath[good1!]).toEqual({ path: good1, ok: true, file_id: "362854771301234", trace_id: "echo-trace-id" });
    expect(byPath[good2!]).toMatchObject({ ok: true, file_id: "362854771301234" });
    expect(byPath[short!]).toMatchObject({
      ok: false,
      error: { name: "AudioPreflightError", rule: "duration", message: expect.stringContaining("Use --no-preflight") },
    });
    expect(byPath[page!]).toMatchObject({
      ok: false,
      error: { name: "AudioPreflightError", rule: "format", message: expect.stringContaining("HTML") },
    });
    expect(echo.uploads).toHaveLength(2);
    expect(run.stderr).toBe("minimax-files: 2 uploaded, 2 failed\n");
  });

  test("--quiet prints only the file ids; directories need --recursive", async () => {
    const [one] = await folder({ "x.wav": makeWav({ seconds: 12 }), "notes.txt": "skip me" });
    const parent = join(one!, "..");
    const refused = await cli(["upload", parent]);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining("is a directory; pass --recursive") });
    const run = await cli(["upload", "--recursive", parent, "--quiet"]);
    expect(run).toEqual({ code: 0, stdout: "362854771301234\n", stderr: "" });
  });

  test("--manifest: a rerun uploads nothing twice and says how many it skipped; a changed file is uploaded again", async () => {
    const files = await folder({ "1.wav": makeWav({ seconds: 12 }), "2.wav": makeWav({ seconds: 13 }), "3.wav": makeWav({ seconds: 14 }) });
    const manifest = join(dir, `manifest-${Date.now()}.jsonl`);
    expect((await cli(["upload", ...files, "--manifest", manifest])).code).toBe(0);
    expect(echo.uploads).toHaveLength(3);
    const entries = lines(await readFile(manifest, "utf8"));
    expect(entries.map((entry) => entry["path"]).sort()).toEqual([...files].sort());
    expect(entries[0]).toEqual({
      path: expect.any(String),
      size: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      purpose: "voice_clone",
      file_id: "362854771301234",
      trace_id: "echo-trace-id",
      uploaded_at: expect.any(String),
    });

    const rerun = await cli(["upload", ...files, "--manifest", manifest]);
    expect(rerun.code).toBe(0);
    expect(echo.uploads).toHaveLength(3);
    expect(rerun.stderr).toBe(`minimax-files: 0 uploaded, 3 skipped (already in ${manifest}), 0 failed\n`);
    expect(lines(rerun.stdout).every((line) => line["skipped"] === true && line["file_id"] === "362854771301234")).toBe(true);

    await writeFile(files[1]!, makeWav({ seconds: 15 }));
    expect((await cli(["upload", ...files, "--manifest", manifest])).stderr).toMatch(/1 uploaded, 2 skipped/);
    expect(echo.uploads).toHaveLength(4);
    // The same content for another purpose is another upload.
    expect((await cli(["upload", files[0]!, "--manifest", manifest, "--purpose", "prompt_audio", "--no-preflight"])).code).toBe(0);
    expect(echo.uploads).toHaveLength(5);
  });

  test("Ctrl-C mid-batch: no new file starts, the one in flight is aborted, the manifest stays valid, exit 130", async () => {
    const upstream = await startFaultServer([{ kind: "reply", body: successBody }, { kind: "hang" }, { kind: "hang" }]);
    cleanups.push(() => upstream.close());
    const files = await folder({ "1.wav": makeWav({ seconds: 12 }), "2.wav": makeWav({ seconds: 13 }), "3.wav": makeWav({ seconds: 14 }) });
    const manifest = join(dir, `interrupted-${Date.now()}.jsonl`);
    const child = spawn(process.execPath, [bin, "upload", ...files, "--manifest", manifest, "--concurrency", "1", "--rate", "6000"], {
      env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: upstream.url },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    for (let i = 0; i < 300 && upstream.received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(upstream.received.length).toBe(2); // the second file is in flight
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain(`interrupted: 1 uploaded, 1 aborted, 1 not started; rerun with --manifest ${manifest} to upload the rest`);
    const entries = lines(await readFile(manifest, "utf8"));
    expect(entries).toHaveLength(1);
    expect(upstream.received).toHaveLength(2);
    await upstream.allConnectionsClosed();
  });

  test("MiniMax's 1002 slows the whole batch down instead of failing the file", async () => {
    const rateLimited = {
      kind: "reply" as const,
      body: JSON.stringify({ base_resp: { status_code: 1002, status_msg: "rate limit" } }),
      headers: { "Retry-After": "1" },
    };
    const upstream = await startFaultServer([rateLimited, { kind: "reply", body: successBody }, { kind: "reply", body: successBody }]);
    cleanups.push(() => upstream.close());
    const files = await folder({ "1.wav": makeWav({ seconds: 12 }), "2.wav": makeWav({ seconds: 13 }) });
    const run = await cli(["upload", ...files, "--concurrency", "1", "--max-retries", "0"], upstream.url);
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((line) => line["ok"])).toEqual([true, true]);
    expect(run.stderr).toContain("MiniMax answered 1002 (rate limit): pausing the batch for 1 s");
    expect(upstream.received).toHaveLength(3);
  });
});

describe("--convert and --trim-to (Debian's ffmpeg)", () => {
  test("a FLAC file is refused naming --convert; with it, MiniMax gets a WAV", async () => {
    const [flac] = await folder({ "take.flac": await encodeTone({ format: "flac", seconds: 12 }) });
    const refused = await cli(["upload", flac!]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Use --convert to convert it to WAV (needs ffmpeg), or --no-preflight to send it unchecked");
    expect(echo.uploads).toHaveLength(0);
    const sent = await cli(["upload", flac!, "--convert"]);
    expect(sent.code).toBe(0);
    expect(echo.uploads[0]!.files[0]).toMatchObject({ filename: "take.wav", contentType: "audio/wav" });
  });

  test("a 6-minute clip is refused naming --trim-to 300; with it, it is sent as 300 s", async () => {
    const [long] = await folder({ "long.wav": await encodeTone({ format: "wav", seconds: 360, sampleRate: 8000 }) });
    const refused = await cli(["upload", long!]);
    expect(refused.stderr).toContain("Use --trim-to 300 to cut it");
    expect((await cli(["upload", long!, "--trim-to", "300"])).code).toBe(0);
    const report = await core.inspectAudio(new Uint8Array(echo.uploads[0]!.files[0]!.bytes));
    expect(report.format).toBe("wav");
    expect(Math.abs(report.durationSeconds! - 300)).toBeLessThanOrEqual(0.1);
  });
});

describe("check <files...>", () => {
  test("a verdict per file and purpose, nothing sent; exit 3 when any would be refused, 0 when all pass", async () => {
    const [good, short] = await folder({ "good.wav": makeWav({ seconds: 12 }), "short.mp3": makeMp3({ seconds: 5 }) });
    const run = await cli(["check", good!, short!]);
    expect(run.code).toBe(3);
    const [first, second] = lines(run.stdout);
    expect(first).toMatchObject({
      path: good,
      ok: true,
      purpose: "voice_clone",
      format: "wav",
      duration_seconds: 12,
      verdicts: { voice_clone: { ok: true }, prompt_audio: { ok: false, rule: "duration" } },
    });
    expect(second).toMatchObject({
      path: short,
      ok: false,
      format: "mp3",
      verdicts: { voice_clone: { ok: false, rule: "duration", limit: "10 s to 300 s for voice_clone" }, prompt_audio: { ok: true } },
    });
    expect((second!["verdicts"] as Record<string, { message: string }>)["voice_clone"]!.message).toMatch(
      /Use --no-preflight to send it unchecked when uploading$/,
    );
    expect((await cli(["check", short!, "--purpose", "prompt_audio"])).code).toBe(0);
    expect(echo.uploads).toHaveLength(0);
  });
});

describe("progress", () => {
  const hasScript = (() => {
    try {
      return spawnSync("script", ["--version"]).status === 0;
    } catch {
      return false;
    }
  })();

  // util-linux `script` gives the CLI a real pseudo-terminal; Debian has it in every install.
  test.skipIf(!hasScript)("drawn on a terminal's stderr, never on stdout; nothing drawn into a pipe", async () => {
    const files = await folder({ "1.wav": makeWav({ seconds: 60 }), "2.wav": makeWav({ seconds: 61 }) });
    const out = join(dir, `tty-${Date.now()}.ndjson`);
    const command = `${[process.execPath, bin, "upload", ...files].map((part) => `'${part}'`).join(" ")} > '${out}'`;
    const terminal = await new Promise<string>((resolve) => {
      execFile(
        "script",
        ["-qec", command, "/dev/null"],
        { env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: echo.url, TERM: "xterm" } },
        (_, stdout) => resolve(stdout),
      );
    });
    expect(terminal).toMatch(/all files/);
    expect(terminal).toMatch(/ETA/);
    expect(terminal).toMatch(/\d+(\.\d)? (KiB|MiB)\/s/);
    expect(lines(await readFile(out, "utf8")).map((line) => line["ok"])).toEqual([true, true]);

    const piped = await cli(["upload", ...files]);
    expect(piped.stderr).toBe("minimax-files: 2 uploaded, 0 failed\n");
    const underCI = await new Promise<string>((resolve) => {
      execFile(
        "script",
        ["-qec", command, "/dev/null"],
        { env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: echo.url, CI: "true" } },
        (_, stdout) => resolve(stdout),
      );
    });
    expect(underCI).not.toMatch(/ETA/);
  });
});

describe("regions", () => {
  test.each([
    [
      new AuthenticationError({ code: 1004, statusMessage: "auth failed", httpStatus: 200 }),
      regionBaseURLs.global,
      "try --region cn (or MINIMAX_REGION=cn)",
    ],
    [
      new InvalidAPIKeyError({ code: 2049, statusMessage: "invalid api key", httpStatus: 200 }),
      regionBaseURLs.cn,
      "try --region global (or MINIMAX_REGION=global)",
    ],
  ])("a key refused on one region's host is said to maybe belong to the other, naming the flag", (error, baseURL, hint) => {
    expect(regionAdvice(error, baseURL, core)).toContain(hint);
  });

  test("no advice for other errors or for a gateway", () => {
    expect(
      regionAdvice(new RateLimitError({ code: 1002, statusMessage: "x", httpStatus: 200 }), regionBaseURLs.global, core),
    ).toBeUndefined();
    expect(
      regionAdvice(new AuthenticationError({ code: 1004, statusMessage: "x", httpStatus: 200 }), "https://gateway.example.com", core),
    ).toBeUndefined();
  });

  test("--region picks the host; an unknown one is a usage error", async () => {
    const run = await cli(["upload", "x.wav", "--region", "mars"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/argument 'mars' is invalid. Allowed choices are global, cn/);
  });
});
