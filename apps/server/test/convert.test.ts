/**
 * `MINIMAX_FILES_CONVERT`: a recording in a format MiniMax does not take (here FLAC and
 * WebM/Opus made by Debian's ffmpeg) reaches the upstream (the recording echo server) as WAV;
 * without it, the caller gets 422 naming the format.
 */
import { type EchoServer, encodeTone, startEchoServer } from "@minimax-files/testkit";
import { afterAll, beforeAll, expect, test } from "vitest";
import { callerToken, startTestServer } from "./helpers/test-server.js";

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

async function upload(url: string, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.append("purpose", "voice_clone");
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  return fetch(`${url}/minimax/v1/files/upload`, { method: "POST", body: form, headers: { Authorization: `Bearer ${callerToken}` } });
}

test.each([
  ["flac", "take.flac"],
  ["webm-opus", "take.webm"],
] as const)("%s: 422 without conversion; with MINIMAX_FILES_CONVERT the upstream receives a WAV", async (format, name) => {
  const audio = await encodeTone({ format, seconds: 12 });
  const plain = await startTestServer(echo.url);
  try {
    const refused = await upload(plain.url, audio, name);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { base_resp: { status_msg: string } }).base_resp.status_msg).toMatch(/format/);
  } finally {
    await plain.close();
  }
  const converting = await startTestServer(echo.url, { convert: true });
  try {
    const before = echo.uploads.length;
    const answer = await upload(converting.url, audio, name);
    expect(answer.status).toBe(200);
    expect(echo.uploads.length).toBe(before + 1);
    const part = echo.uploads.at(-1)!.files[0]!;
    expect(part).toMatchObject({ filename: "take.wav", contentType: "audio/wav" });
    expect(part.bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
  } finally {
    await converting.close();
  }
});
