/**
 * The operator's command line: the built `minimax-files-server` binary, spawned as a process.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type NodeProcess, startNodeProcess } from "@minimax-files/testkit";
import { describe, expect, test } from "vitest";
import { configDefaults, configVariables } from "../src/config.js";

const bin = fileURLToPath(new URL("../bin/minimax-files-server.js", import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [bin, ...args], { env: { PATH: process.env["PATH"] ?? "", ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

test("--help lists every variable with its default and exits 0, without starting anything", async () => {
  const { code, stdout } = await run(["--help"]);
  expect(code).toBe(0);
  for (const variable of configVariables) expect(stdout).toContain(`  ${variable.name}\n`);
  expect(stdout).toContain(`default: ${configDefaults.MINIMAX_FILES_UPSTREAM_RPM}`);
  expect(stdout).toMatch(/\/metrics/);
});

test("a bad configuration is refused with one line per problem, exit code 1", async () => {
  const { code, stderr } = await run([], { MINIMAX_BASE_URL: "ftp://x", PORT: "99999", CORS_ORIGINS: "*", CORS_ALLOW_CREDENTIALS: "true" });
  expect(code).toBe(1);
  const lines = stderr.trim().split("\n");
  expect(lines).toEqual([
    "minimax-files-server: configuration: MINIMAX_API_KEY is not set",
    'minimax-files-server: configuration: MINIMAX_BASE_URL must be an http(s) URL, got "ftp://x"',
    "minimax-files-server: configuration: MINIMAX_FILES_SERVER_TOKENS is not set (or set MINIMAX_FILES_CALLERS_FILE)",
    "minimax-files-server: configuration: CORS_ORIGINS=* cannot be used with CORS_ALLOW_CREDENTIALS=true: list the origins",
    'minimax-files-server: configuration: PORT must be a whole number from 0 to 65535, got "99999"',
    "Run minimax-files-server --help for every variable.",
  ]);
});

test("an unknown argument is a usage error (exit code 2)", async () => {
  const { code, stderr } = await run(["--port", "80"]);
  expect(code).toBe(2);
  expect(stderr).toMatch(/^minimax-files-server: unknown argument "--port"/);
});

describe("the log on stdout", () => {
  const serverMain = fileURLToPath(new URL("../dist/main.js", import.meta.url));
  const env = {
    MINIMAX_API_KEY: "upstream-key-123456",
    MINIMAX_BASE_URL: "http://127.0.0.1:9",
    MINIMAX_FILES_SERVER_TOKENS: "caller-token-1",
    PORT: "0",
  };

  /** Every JSON line the process prints from now on, parsed. */
  function linesOf(child: NodeProcess["child"]): () => Array<Record<string, unknown>> {
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    return () =>
      text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  // Three request lines are far below the 4 KiB a write waits for: only the tick (or the exit, later) writes them.
  test("lines are gathered, yet each request's line is out without further traffic, whole; the last lines on exit", async () => {
    const server = await startNodeProcess(serverMain, [], env, /listening on (http:\/\/[^\s"]+)/);
    try {
      const lines = linesOf(server.child);
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.match[1]}/healthz`)).status).toBe(200);
      const answered = performance.now();
      while (lines().filter((line) => line["route"] === "/healthz").length < 3 && performance.now() - answered < 2_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(lines().filter((line) => line["route"] === "/healthz")).toHaveLength(3);
      const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
      server.child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(lines().map((line) => line["msg"])).toEqual(expect.arrayContaining(["draining: uploads in flight may finish"]));
      expect(lines().at(-1)?.["msg"]).toMatch(/^stopped; /);
    } finally {
      await server.stop();
    }
  });
});
