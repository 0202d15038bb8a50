/**
 * The recording page end to end in a real headless Chromium (Debian's `chromium`, with a fake
 * microphone playing a WAV the test makes): record, see the duration, convert to WAV in the
 * browser, upload through the server with an upload token; the upstream (the recording echo
 * server) must receive valid WAV bytes of the recorded length. Writes a screenshot of the page
 * (test-output/record-page.png) for people to look at.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspectAudio } from "@minimax-files/core/audio";
import { type EchoServer, encodeTone, launchChromium, startEchoServer } from "@minimax-files/testkit";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { callerToken, startTestServer } from "./helpers/test-server.js";

const secret = "browser-page-token-secret-for-record-0123";

let echo: EchoServer;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "record-page-"));
  const microphone = join(folder, "microphone.wav");
  await writeFile(microphone, await encodeTone({ format: "wav", seconds: 20, sampleRate: 48_000 }));
  echo = await startEchoServer();
  server = await startTestServer(echo.url, { recordPage: true, uploadTokenSecret: secret });
  browser = await launchChromium([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-audio-capture=${microphone}`,
    "--autoplay-policy=no-user-gesture-required",
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await echo?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test("record from the microphone, convert in the browser, upload: the upstream receives a WAV of the recorded length", async () => {
  const minted = await fetch(`${server.url}/v1/upload-tokens`, {
    method: "POST",
    headers: { Authorization: `Bearer ${callerToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ purpose: "prompt_audio", expiresInSeconds: 300 }),
  });
  const { token } = (await minted.json()) as { token: string };
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await page.goto(`${server.url}/record#token=${token}`);
    await page.selectOption("#purpose", "prompt_audio");
    await page.click("#record");
    await page.waitForFunction(() => Number.parseFloat(document.getElementById("duration")!.textContent!) >= 3.5, undefined, {
      timeout: 15_000,
    });
    await page.click("#stop");
    await page.waitForSelector("#upload:not([disabled])", { timeout: 15_000 });
    const shown = Number.parseFloat((await page.textContent("#duration"))!);
    await page.click("#upload");
    await page.waitForSelector("#result.ok", { timeout: 15_000 });
    expect(await page.textContent("#result")).toBe("Uploaded: file_id 362854771301234");
    await mkdir("test-output", { recursive: true });
    await page.screenshot({ path: "test-output/record-page.png", fullPage: true });

    expect(echo.uploads).toHaveLength(1);
    const part = echo.uploads[0]!.files[0]!;
    expect(part).toMatchObject({ filename: "recording.wav", contentType: "audio/wav" });
    expect(echo.uploads[0]!.fields).toEqual({ purpose: "prompt_audio" });
    const report = await inspectAudio(new Uint8Array(part.bytes));
    expect(report.format).toBe("wav");
    expect(Math.abs(report.durationSeconds! - shown)).toBeLessThanOrEqual(0.1);
    expect(report.durationSeconds).toBeGreaterThan(3);
    expect(report.verdicts.prompt_audio).toEqual({ ok: true });
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});
