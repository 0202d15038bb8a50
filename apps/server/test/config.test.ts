import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { sha256Hex } from "../src/callers/callers.js";
import { readServerConfig, ServerConfigError } from "../src/config.js";

const env = {
  MINIMAX_API_KEY: "upstream-key",
  MINIMAX_BASE_URL: "http://127.0.0.1:4010",
  MINIMAX_FILES_SERVER_TOKENS: " a , b ,",
};

describe("readServerConfig", () => {
  test("reads tokens, defaults host, port and body limit", () => {
    expect(readServerConfig(env)).toEqual({
      upstreamApiKey: "upstream-key",
      upstreamBaseURL: "http://127.0.0.1:4010",
      callerTokens: ["a", "b"],
      callers: [
        { name: "caller-1", tokenSha256: sha256Hex("a"), requestsPerMinute: 30, concurrentUploads: 4 },
        { name: "caller-2", tokenSha256: sha256Hex("b"), requestsPerMinute: 30, concurrentUploads: 4 },
      ],
      upstreamRequestsPerMinute: 60,
      redisURL: undefined,
      logLevel: "info",
      uploadTokenSecret: undefined,
      corsOrigins: [],
      corsAllowCredentials: false,
      convert: false,
      recordPage: false,
      host: "127.0.0.1",
      port: 8787,
      maxBodyBytes: 21 * 1024 * 1024,
      maxConcurrentUploads: 64,
      queueLength: 1024,
      queueWaitMs: 30_000,
      idleTimeoutMs: 30_000,
      upstreamTimeoutMs: 600_000,
      drainTimeoutMs: 25_000,
    });
  });

  test("reads every optional setting", () => {
    const config = readServerConfig({
      ...env,
      HOST: "0.0.0.0",
      PORT: "0",
      MINIMAX_FILES_MAX_BODY_BYTES: "1000",
      MINIMAX_FILES_MAX_CONCURRENT_UPLOADS: "8",
      MINIMAX_FILES_IDLE_TIMEOUT_MS: "1000",
      MINIMAX_FILES_UPSTREAM_TIMEOUT_MS: "2000",
      MINIMAX_FILES_DRAIN_TIMEOUT_MS: "0",
    });
    expect(config).toMatchObject({
      host: "0.0.0.0",
      port: 0,
      maxBodyBytes: 1000,
      maxConcurrentUploads: 8,
      idleTimeoutMs: 1000,
      upstreamTimeoutMs: 2000,
      drainTimeoutMs: 0,
    });
  });

  test.each([
    ["MINIMAX_API_KEY", { ...env, MINIMAX_API_KEY: "" }],
    ["MINIMAX_BASE_URL", { ...env, MINIMAX_BASE_URL: undefined }],
    ["MINIMAX_FILES_SERVER_TOKENS", { ...env, MINIMAX_FILES_SERVER_TOKENS: " , " }],
    ["must not contain the upstream", { ...env, MINIMAX_FILES_SERVER_TOKENS: "a,upstream-key" }],
    ["PORT", { ...env, PORT: "http" }],
    ["PORT", { ...env, PORT: "70000" }],
    ["MINIMAX_FILES_MAX_CONCURRENT_UPLOADS", { ...env, MINIMAX_FILES_MAX_CONCURRENT_UPLOADS: "0" }],
    ["MINIMAX_FILES_DRAIN_TIMEOUT_MS", { ...env, MINIMAX_FILES_DRAIN_TIMEOUT_MS: "-1" }],
    ["MINIMAX_FILES_IDLE_TIMEOUT_MS", { ...env, MINIMAX_FILES_IDLE_TIMEOUT_MS: "99999999999" }],
    ["MINIMAX_FILES_UPSTREAM_TIMEOUT_MS", { ...env, MINIMAX_FILES_UPSTREAM_TIMEOUT_MS: "1.5" }],
  ])("refuses to start, naming %s", (name, config) => {
    expect(() => readServerConfig(config)).toThrow(ServerConfigError);
    expect(() => readServerConfig(config)).toThrow(name);
  });
});

describe("named callers and their limits", () => {
  const base = { MINIMAX_API_KEY: "upstream-key", MINIMAX_BASE_URL: "http://127.0.0.1:4010" };

  test("name:token and name:sha256:<digest> pairs, with default limits and per-caller overrides", () => {
    const digest = sha256Hex("bob-token");
    const config = readServerConfig({
      ...base,
      MINIMAX_FILES_SERVER_TOKENS: `alice:alice-token, bob:sha256:${digest.toUpperCase()}`,
      MINIMAX_FILES_CALLER_RPM: "12",
      MINIMAX_FILES_CALLER_LIMITS: "bob=rpm:3/concurrency:1",
      MINIMAX_FILES_UPSTREAM_RPM: "40",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(config.callers).toEqual([
      { name: "alice", tokenSha256: sha256Hex("alice-token"), requestsPerMinute: 12, concurrentUploads: 4 },
      { name: "bob", tokenSha256: digest, requestsPerMinute: 3, concurrentUploads: 1 },
    ]);
    // Only plain tokens are known (for scrubbing logs); a hashed one never is.
    expect(config.callerTokens).toEqual(["alice-token"]);
    expect(config).toMatchObject({ upstreamRequestsPerMinute: 40, redisURL: "redis://127.0.0.1:6379" });
  });

  test("a callers file", async () => {
    const folder = await mkdtemp(join(tmpdir(), "server-config-"));
    const file = join(folder, "callers.json");
    await writeFile(
      file,
      JSON.stringify([
        { name: "web", token: "web-token-1", requestsPerMinute: 5 },
        { name: "batch", tokenSha256: sha256Hex("batch-token"), concurrentUploads: 8 },
      ]),
    );
    try {
      const config = readServerConfig({ ...base, MINIMAX_FILES_CALLERS_FILE: file });
      expect(config.callers).toEqual([
        { name: "web", tokenSha256: sha256Hex("web-token-1"), requestsPerMinute: 5, concurrentUploads: 4 },
        { name: "batch", tokenSha256: sha256Hex("batch-token"), requestsPerMinute: 30, concurrentUploads: 8 },
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test("every problem is reported at once, one line each", () => {
    const error = (() => {
      try {
        readServerConfig({
          MINIMAX_FILES_SERVER_TOKENS: "a:x,a:y",
          PORT: "http",
          LOG_LEVEL: "loud",
          MINIMAX_FILES_CALLER_LIMITS: "zed=rpm:1,a=speed:3",
          REDIS_URL: "http://x",
        });
      } catch (caught) {
        return caught;
      }
    })() as ServerConfigError;
    expect(error).toBeInstanceOf(ServerConfigError);
    expect(error.problems).toEqual([
      "MINIMAX_API_KEY is not set",
      "MINIMAX_BASE_URL is not set",
      'caller "a" is named twice',
      'MINIMAX_FILES_CALLER_LIMITS names "zed", which is no caller',
      'MINIMAX_FILES_CALLER_LIMITS: "speed:3" for a must be rpm:<n> or concurrency:<n> with n ≥ 1',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'REDIS_URL must be a redis:// or rediss:// URL, got "http://x"',
      'PORT must be a whole number from 0 to 65535, got "http"',
    ]);
  });
});
