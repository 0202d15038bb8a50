import { describe, expect, test } from "vitest";
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
      host: "127.0.0.1",
      port: 8787,
      maxBodyBytes: 21 * 1024 * 1024,
      maxConcurrentUploads: 64,
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
    expect(config).toMatchObject({ host: "0.0.0.0", port: 0, maxBodyBytes: 1000, maxConcurrentUploads: 8, idleTimeoutMs: 1000, upstreamTimeoutMs: 2000, drainTimeoutMs: 0 });
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
