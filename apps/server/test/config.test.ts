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
    });
  });

  test.each([
    ["MINIMAX_API_KEY", { ...env, MINIMAX_API_KEY: "" }],
    ["MINIMAX_BASE_URL", { ...env, MINIMAX_BASE_URL: undefined }],
    ["MINIMAX_FILES_SERVER_TOKENS", { ...env, MINIMAX_FILES_SERVER_TOKENS: " , " }],
    ["must not contain the upstream", { ...env, MINIMAX_FILES_SERVER_TOKENS: "a,upstream-key" }],
    ["PORT", { ...env, PORT: "http" }],
  ])("refuses to start, naming %s", (name, config) => {
    expect(() => readServerConfig(config)).toThrow(ServerConfigError);
    expect(() => readServerConfig(config)).toThrow(name);
  });
});
