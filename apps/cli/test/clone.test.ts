/**
 * `minimax-files clone` as a real process: against the stateful fake, and through the server
 * (whose callers clone only from their own files). Checks first (nothing is sent for a bad voice
 * id or transcript), one JSON object in a pipe, steps and the next step on a terminal, exit codes.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@minimax-files/server";
import { type FilesFake, makeWav, startFilesFake } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";

const bin = new URL("../bin/minimax-files.cjs", import.meta.url).pathname;
const apiKey = "cli-clone-SECRET-key-321";
let dir: string;
let fake: FilesFake;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "minimax-files-cli-clone-"));
  await writeFile(join(dir, "recording.wav"), makeWav({ seconds: 12 }));
  await writeFile(join(dir, "clip.wav"), makeWav({ seconds: 4, frequency: 330 }));
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

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: dir, env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: fake.url, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

const full = ["clone", "recording.wav", "--voice-id", "Cli-voice-01", "--prompt-audio", "clip.wav", "--prompt-text", "Hi there."];

test("in a pipe: one JSON object naming the voice, both file ids and the preview written with -o", async () => {
  const run = await cli([...full, "--preview", "Hello.", "--model", "speech-02-hd", "-o", "preview.mp3", "--noise-reduction"]);
  expect(run).toMatchObject({ code: 0, stderr: "" });
  const result = JSON.parse(run.stdout) as Record<string, string>;
  expect(result).toMatchObject({ voice_id: "Cli-voice-01", preview_path: join(dir, "preview.mp3") });
  expect(fake.voices.get("Cli-voice-01")).toMatchObject({
    fileId: result["file_id"],
    promptFileId: result["prompt_file_id"],
    promptText: "Hi there.",
    options: { need_noise_reduction: true },
  });
  expect((await readFile(join(dir, "preview.mp3"))).length).toBe(417);
});

describe("checked before anything is sent: exit 2, naming the flag", () => {
  test.each([
    [
      "a voice id that starts with a digit",
      ["clone", "recording.wav", "--voice-id", "1abcdefgh"],
      /Invalid --voice-id: "1abcdefgh" does not start/,
    ],
    [
      "a transcript without final punctuation",
      [...full.slice(0, -1), "Hi there"],
      /Invalid --prompt-text: "Hi there" does not end in punctuation/,
    ],
    ["a prompt clip without its text", ["clone", "recording.wav", "--prompt-audio", "clip.wav"], /go together/],
    ["a recording too short for voice_clone", ["clone", "clip.wav"], /duration check.*10 s to 300 s for voice_clone/],
  ])("%s", async (_, args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(fake.requests).toEqual([]);
  });
});

test("MiniMax's 2038 (no cloning permission): exit 1, saying to verify the account", async () => {
  fake.failNext("voice_clone", { kind: "code", code: 2038, message: "no voice cloning permission" });
  const run = await cli(["clone", "recording.wav"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^minimax-files: MiniMax error 2038: .*real-name verification/);
  expect(run.stderr).not.toContain(apiKey);
});

const hasScript = spawnSync("script", ["--version"]).status === 0;
// `script` (util-linux) gives the CLI a terminal; scripts/system-deps.mjs installs it.
test.skipIf(!hasScript)("on a terminal: each step, then the voice id and what to do next", async () => {
  const screen = await new Promise<string>((resolve) =>
    execFile(
      "script",
      ["-qec", `node ${bin} ${full.map((arg) => `'${arg}'`).join(" ")}`, "/dev/null"],
      { cwd: dir, env: { PATH: process.env["PATH"] ?? "", MINIMAX_API_KEY: apiKey, MINIMAX_BASE_URL: fake.url, TERM: "xterm" } },
      (_, stdout) => resolve(stdout.toString()),
    ),
  );
  expect(screen).toMatch(
    /• checking the audio[\s\S]*• uploading the recording[\s\S]*• uploading the prompt clip[\s\S]*• cloning the voice/,
  );
  expect(screen).toMatch(/Next: use voice_id "Cli-voice-01" in text-to-speech/);
});

test("through the server: a caller token clones from the files it just uploaded; the fake upstream gets the server's key", async () => {
  const server = await startServer({
    upstreamBaseURL: fake.url,
    upstreamApiKey: apiKey,
    callerTokens: ["cli-caller-token-0001"],
    host: "127.0.0.1",
    port: 0,
    maxBodyBytes: 21 * 1024 * 1024,
    maxConcurrentUploads: 8,
    idleTimeoutMs: 5_000,
    upstreamTimeoutMs: 10_000,
    drainTimeoutMs: 1_000,
    logLevel: "silent",
  });
  try {
    const run = await cli(full, { MINIMAX_API_KEY: "cli-caller-token-0001", MINIMAX_BASE_URL: server.url });
    expect(run).toMatchObject({ code: 0 });
    expect(JSON.parse(run.stdout)).toMatchObject({ voice_id: "Cli-voice-01" });
    expect(fake.requests.map((request) => request.authorization)).toEqual([`Bearer ${apiKey}`, `Bearer ${apiKey}`, `Bearer ${apiKey}`]);
  } finally {
    await server.close();
  }
});
