/**
 * file_id reaches the caller exactly as the server wrote it, through a real HTTP answer whose
 * JSON holds the id as a number (beyond 2^53) or a string.
 */
import { makeWav, startEchoServer } from "@minimax-files/testkit";
import { describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { canaryKey } from "./canary.js";

describe("file_id over the wire", () => {
  test.each([
    ["123456789012345678", "123456789012345678"],
    ["9223372036854775807", "9223372036854775807"],
    ["362854771301234", "362854771301234"],
    ['"123456789012345678"', "123456789012345678"],
  ])("JSON %s → %s", async (json, expected) => {
    const echo = await startEchoServer({
      reply: () => ({
        headers: { "Content-Type": "application/json" },
        body:
          `{"file":{"file_id":${json},"bytes":1,"created_at":1,"filename":"a.wav","purpose":"voice_clone"},` +
          `"base_resp":{"status_code":0,"status_msg":"success"}}`,
      }),
    });
    try {
      const file = await new MiniMaxFiles({ apiKey: canaryKey("ids"), baseURL: echo.url }).upload({ file: makeWav({ seconds: 12 }) });
      expect(file.file_id).toBe(expected);
      expect(typeof file.file_id).toBe("string");
    } finally {
      await echo.close();
    }
  });
});
