import { AuthenticationError, MiniMaxFiles } from "@minimax-files/core";
import { makeWav } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type RunningServer, startServer } from "../src/start-server.js";
import { captureLog } from "./helpers/capture-log.js";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer(
    {
      upstreamBaseURL: inject("prismUrl"),
      upstreamApiKey: "upstream-key",
      callerTokens: ["caller-token"],
      host: "127.0.0.1",
      port: 0,
      maxBodyBytes: 1_000_000,
      maxConcurrentUploads: 4,
      idleTimeoutMs: 5_000,
      upstreamTimeoutMs: 10_000,
      drainTimeoutMs: 1_000,
    },
    captureLog().logger,
  );
});
afterAll(() => server.close());

test("the core client uploads through the listening server as if it were MiniMax", async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const client = new MiniMaxFiles({ apiKey: "caller-token", baseURL: server.url });
  const file = await client.upload({ file: makeWav({ seconds: 12 }), filename: "voice.wav" });
  expect(file.file_id).toBe("362854771301234");
});

test("a caller with the wrong token gets the API's authentication error", async () => {
  const client = new MiniMaxFiles({ apiKey: "upstream-key", baseURL: server.url });
  const error = await client.upload({ file: makeWav({ seconds: 12 }) }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ code: 1004, httpStatus: 401 });
});
