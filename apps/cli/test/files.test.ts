/**
 * `minimax-files files …` as a real process against the stateful fake of the Files API: NDJSON
 * and JSON in a pipe with exact ids, tables that fit the terminal, atomic downloads that refuse
 * to overwrite, `-o -`, deletes that ask or need `--yes`, `--dry-run`, `--manifest`, and a reader
 * closing the pipe ending the CLI quietly.
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeTone, type FilesFake, makeWav, startFilesFake } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";

const bin = new URL("../bin/minimax-files.cjs", import.meta.url).pathname;
const apiKey = "cli-files-SECRET-key-789";
let dir: string;
let fake: FilesFake;
const clip = makeWav({ seconds: 12 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "minimax-files-cli-files-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  fake = await startFilesFake({ apiKey });
});
afterEach(() => fake.close());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { cwd?: string; encoding?: "buffer" } = {}): Promise<Run & { bytes: Buffer }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: fake.url },
        cwd: options.cwd ?? dir,
        encoding: "buffer",
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout: stdout.toString(), stderr: stderr.toString(), bytes: stdout }),
    );
  });
}

/** Runs a shell command line on a pseudo-terminal of `columns` columns (util-linux `script`); what the terminal showed. */
function onTerminal(command: string, columns = 100): Promise<string> {
  return new Promise((resolve) =>
    execFile(
      "script",
      ["-qec", `stty cols ${columns}; ${command}`, "/dev/null"],
      { env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: fake.url, TERM: "xterm" }, cwd: dir },
      (_, stdout) => resolve(stdout.toString()),
    ),
  );
}

const add = (purpose: string, filename = "voice.wav") => fake.add({ purpose, filename, bytes: clip }).fileId;

describe("files list and get", () => {
  test("in a pipe: one JSON line per file, every purpose by default, ids exact", async () => {
    const a = add("voice_clone");
    const b = add("prompt_audio", "clip.wav");
    const run = await cli(["files", "list"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { file_id: string; purpose: string });
    expect(lines.map((line) => [line.file_id, line.purpose])).toEqual([
      [a, "voice_clone"],
      [b, "prompt_audio"],
    ]);
    expect(run.stdout).toContain(`"file_id":"${a}"`);
    const only = await cli(["files", "list", "--purpose", "prompt_audio"]);
    expect(only.stdout.trimEnd().split("\n")).toHaveLength(1);
  });

  test("get prints one JSON object; a missing id exits 1 with one line naming MiniMax's error", async () => {
    const a = add("voice_clone");
    const run = await cli(["files", "get", a]);
    expect(JSON.parse(run.stdout)).toMatchObject({ file_id: a, bytes: clip.length, purpose: "voice_clone" });
    const missing = await cli(["files", "get", "123456789012345680"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^minimax-files: MiniMax error 2013: invalid params: file not found/);
    const bad = await cli(["files", "get", "12x"]);
    expect(bad).toMatchObject({ code: 2, stdout: "" });
    expect(bad.stderr).toMatch(/Invalid <file_id>: got "12x"; expected a file id/);
    expect(`${missing.stderr}${bad.stderr}`).not.toContain(apiKey);
  });

  const hasScript = spawnSync("script", ["--version"]).status === 0;
  // `script` (util-linux) gives the CLI a terminal; scripts/system-deps.mjs installs it.
  test.skipIf(!hasScript)("check's table fits a 100-column terminal too, for refusals of every kind", async () => {
    await writeFile(join(dir, "take.webm"), await encodeTone({ format: "webm-opus", seconds: 9 }));
    await writeFile(join(dir, "short.wav"), makeWav({ seconds: 3 }));
    await writeFile(join(dir, `${"long-name-".repeat(8)}.wav`), clip);
    const screen = await onTerminal(`node ${bin} check take.webm short.wav ${"long-name-".repeat(8)}.wav`, 100);
    const rows = screen.split(/\r?\n/).filter((line) => line.trim());
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/refused: format/);
    for (const row of rows) expect([...row].length).toBeLessThanOrEqual(100);
  });

  test.skipIf(!hasScript)("on a terminal: a table that fits its width, long names shortened", async () => {
    add("voice_clone", `${"a-very-long-recording-name-".repeat(6)}.wav`);
    const screen = await onTerminal(`node ${bin} files list`, 80);
    const rows = screen.split(/\r?\n/).filter((line) => line.trim());
    expect(rows[0]).toMatch(/^file_id\s+purpose\s+filename\s+size\s+created/);
    expect(rows[1]).toContain("…");
    for (const row of rows) expect([...row].length).toBeLessThanOrEqual(80);
  });
});

describe("files download", () => {
  test("writes the bytes atomically to -o, refuses to overwrite without --force, and -o - writes them to stdout", async () => {
    const a = add("voice_clone");
    const target = join(dir, "out.wav");
    const first = await cli(["files", "download", a, "-o", target]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(first.stdout)).toMatchObject({ file_id: a, path: target, bytes: clip.length });
    expect((await readFile(target)).equals(Buffer.from(clip))).toBe(true);

    const again = await cli(["files", "download", a, "-o", target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: pass --force to replace it/);
    expect((await cli(["files", "download", a, "-o", target, "--force"])).code).toBe(0);

    const piped = await cli(["files", "download", a, "-o", "-"]);
    expect(piped.bytes.equals(Buffer.from(clip))).toBe(true);
  });

  test("without -o: the stored filename in the current folder", async () => {
    const a = add("voice_clone", "stored-name.wav");
    const folder = await mkdtemp(join(dir, "named-"));
    expect((await cli(["files", "download", a], { cwd: folder })).code).toBe(0);
    expect(await readdir(folder)).toEqual(["stored-name.wav"]);
  });

  test("a download that fails leaves nothing at the path", async () => {
    const a = add("voice_clone");
    for (let i = 0; i < 3; i++) fake.failNext("retrieve_content", { kind: "truncate" });
    const folder = await mkdtemp(join(dir, "failed-"));
    const run = await cli(["files", "download", a, "-o", join(folder, "x.wav")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broke off/);
    expect(await readdir(folder)).toEqual([]);
  });
});

describe("files delete", () => {
  test("in a pipe it needs --yes (exit 2); --dry-run deletes nothing; --yes deletes, one line per file", async () => {
    const a = add("voice_clone");
    const b = add("voice_clone");
    const refused = await cli(["files", "delete", a, "--purpose", "voice_clone"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    const dry = await cli(["files", "delete", a, b, "--purpose", "voice_clone", "--dry-run"]);
    expect(
      dry.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line).file_id),
    ).toEqual([a, b]);
    expect(fake.files.size).toBe(2);
    const done = await cli(["files", "delete", a, b, "--purpose", "voice_clone", "--yes"]);
    expect(done).toMatchObject({ code: 0 });
    expect(
      done.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { file_id: a, purpose: "voice_clone", deleted: true },
      { file_id: b, purpose: "voice_clone", deleted: true },
    ]);
    expect(fake.requests.filter((request) => request.operation === "delete").map((request) => request.jsonBody)).toEqual([
      `{"file_id":${a},"purpose":"voice_clone"}`,
      `{"file_id":${b},"purpose":"voice_clone"}`,
    ]);
    expect(fake.files.size).toBe(0);
  });

  test("--manifest deletes what an upload batch recorded, each with its purpose; one failure is exit 4", async () => {
    const a = add("voice_clone");
    const b = add("prompt_audio");
    const manifest = join(dir, "uploads.jsonl");
    const record = (fileId: string, purpose: string) => JSON.stringify({ path: "x.wav", file_id: fileId, purpose, sha256: "00", size: 1 });
    await writeFile(
      manifest,
      `${record(a, "voice_clone")}\n${record(b, "prompt_audio")}\n${record("123456789012345680", "voice_clone")}\n`,
    );
    const run = await cli(["files", "delete", "--manifest", manifest, "--yes"]);
    expect(run.code).toBe(4);
    expect(fake.files.size).toBe(0);
    expect(
      run.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line).deleted),
    ).toEqual([true, true, false]);
  });

  test("without --purpose for bare ids: a usage error naming it", async () => {
    const run = await cli(["files", "delete", "362854771301234", "--yes"]);
    expect(run).toMatchObject({ code: 2 });
    expect(run.stderr).toMatch(/--purpose is required/);
  });
});

test("a reader that closes the pipe ends the CLI quietly: no EPIPE stack trace", async () => {
  for (let i = 0; i < 400; i++) add("voice_clone", `file-${i}.wav`);
  for (const args of [
    ["files", "list"],
    ["upload", "--help"],
  ]) {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: fake.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `| head -1`: read the first chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(stderr, args.join(" ")).not.toMatch(/EPIPE|Error|at /);
    expect(code, args.join(" ")).toBe(0);
  }
});
