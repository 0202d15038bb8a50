/**
 * Loads the built package in a real headless Chromium (Debian's `chromium` + playwright-core),
 * uploads a File to a local CORS-enabled echo server, and reads the typed result and progress.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import {
  type EchoServer,
  encodeTone,
  type FilesFake,
  launchChromium,
  makeWav,
  startEchoServer,
  startFilesFake,
} from "@minimax-files/testkit";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inspectAudio } from "../src/audio/inspect.js";

const builtPackage = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const builtAudio = fileURLToPath(new URL("../dist/audio.js", import.meta.url));

let browser: Browser;
let fake: FilesFake;
let pageServer: Server;
let pageUrl: string;
let echo: EchoServer;
let script: string;
let recording: Uint8Array;

beforeAll(async () => {
  // The built root export and its audio subpath, bundled together as an app would.
  const bundle = await build({
    stdin: {
      contents: `export * from ${JSON.stringify(builtPackage)}; export { toWav } from ${JSON.stringify(builtAudio)};`,
      loader: "js",
      resolveDir: fileURLToPath(new URL("..", import.meta.url)),
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    external: ["node:*"], // loaded lazily only for Node-only sources; never requested in a browser
    write: false,
    logLevel: "silent",
  });
  script = bundle.outputFiles[0]!.text;
  recording = await encodeTone({ format: "webm-opus", seconds: 9 }); // what Chrome's MediaRecorder makes
  pageServer = createServer((request, response) => {
    if (request.url === "/core.js") return response.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
    if (request.url === "/recording.webm") return response.writeHead(200, { "Content-Type": "audio/webm" }).end(recording);
    response.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>minimax-files</title>");
  });
  await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  echo = await startEchoServer({ cors: true });
  fake = await startFilesFake({ cors: true, apiKey: "browser-files-key" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  pageServer?.close();
  await echo?.close();
  await fake?.close();
});

describe("in headless Chromium", () => {
  test("the browser bundle imports no Node module up front (only lazily, for Node-only sources)", () => {
    expect(script).not.toMatch(/^import\s*(?:[^;]*?from\s*)?["']node:/m);
    expect(script).toMatch(/import\(["']node:fs["']\)/);
  });

  test("uploads a File from the built package and reports typed result and progress", async () => {
    const page = await browser.newPage();
    const clip = makeWav({ seconds: 12, frequency: 330 });
    await page.goto(pageUrl);
    await page.addScriptTag({ type: "module", content: 'import * as core from "/core.js"; window.minimaxFiles = core;' });
    await page.waitForFunction(() => "minimaxFiles" in window);
    const outcome = await page.evaluate(
      async ({ echoUrl, clipBase64 }) => {
        const core = (window as unknown as { minimaxFiles: typeof import("../src/index.js") & typeof import("../src/exports/audio.js") })
          .minimaxFiles;
        const bytes = Uint8Array.from(atob(clipBase64), (c) => c.charCodeAt(0));
        const file = new File([bytes], "stimme ä.wav", { type: "audio/wav" });
        const events: Array<{ loaded: number; total: number | undefined }> = [];
        const client = new core.MiniMaxFiles({ apiKey: "browser-test-key", baseURL: echoUrl });
        const uploaded = await client.upload({ file, purpose: "voice_clone" }, { onProgress: (p) => events.push({ ...p }) });
        let refused = "";
        await client.upload({ file: new File(["not audio"], "x.txt") }).catch((e: Error) => (refused = `${e.name}: ${e.message}`));
        return { uploaded, events, refused, fileIdType: typeof uploaded.file_id };
      },
      { echoUrl: echo.url, clipBase64: Buffer.from(clip).toString("base64") },
    );
    await page.close();

    expect(outcome.fileIdType).toBe("string");
    expect(outcome.uploaded).toMatchObject({
      file_id: "362854771301234",
      bytes: clip.length,
      filename: "stimme ä.wav",
      purpose: "voice_clone",
    });
    expect(outcome.refused).toMatch(/^AudioPreflightError: .*format check/);

    const received = echo.uploads.at(-1)!;
    expect(received.fields).toEqual({ purpose: "voice_clone" });
    expect(received.files[0]).toMatchObject({ filename: "stimme ä.wav", contentType: "audio/wav" });
    expect(received.files[0]!.bytes.equals(Buffer.from(clip))).toBe(true);
    expect(echo.uploads).toHaveLength(1); // the refused file was never sent

    expect(outcome.events.length).toBeGreaterThan(0);
    for (let i = 1; i < outcome.events.length; i++) expect(outcome.events[i]!.loaded).toBeGreaterThan(outcome.events[i - 1]!.loaded);
    expect(outcome.events.at(-1)).toEqual({ loaded: clip.length, total: clip.length });
  });

  test("toWav converts a WebM/Opus recording with the browser's own decoder; the WAV passes the checks and uploads", async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.addScriptTag({ type: "module", content: 'import * as core from "/core.js"; window.minimaxFiles = core;' });
    await page.waitForFunction(() => "minimaxFiles" in window);
    const outcome = await page.evaluate(async (echoUrl) => {
      const core = (window as unknown as { minimaxFiles: typeof import("../src/index.js") & typeof import("../src/exports/audio.js") })
        .minimaxFiles;
      const webm = await (await fetch("/recording.webm")).blob();
      let refused = "";
      const client = new core.MiniMaxFiles({ apiKey: "browser-test-key", baseURL: echoUrl });
      await client.upload({ file: new File([webm], "take.webm"), purpose: "prompt_audio" }).catch((e: Error) => (refused = e.message));
      const wav = await core.toWav(webm, { trimTo: 7 });
      const uploaded = await client.upload({ file: new File([wav], "take.wav"), purpose: "prompt_audio" });
      return { refused, type: wav.type, fileId: uploaded.file_id };
    }, echo.url);
    await page.close();
    expect(outcome.refused).toMatch(/WebM/);
    expect(outcome).toMatchObject({ type: "audio/wav", fileId: "362854771301234" });
    const part = echo.uploads.at(-1)!.files[0]!;
    const report = await inspectAudio(new Uint8Array(part.bytes));
    expect(report.format).toBe("wav");
    expect(Math.abs(report.durationSeconds! - 7)).toBeLessThanOrEqual(0.1);
    expect(report.verdicts.prompt_audio).toEqual({ ok: true });
  });

  test("lists, downloads and deletes through the same engine: exact ids, the same bytes, a typed error for a missing file", async () => {
    const page = await browser.newPage();
    const clip = makeWav({ seconds: 12, frequency: 440 });
    await page.goto(pageUrl);
    await page.addScriptTag({ type: "module", content: 'import * as core from "/core.js"; window.minimaxFiles = core;' });
    await page.waitForFunction(() => "minimaxFiles" in window);
    const outcome = await page.evaluate(
      async ({ fakeUrl, clipBase64 }) => {
        const core = (window as unknown as { minimaxFiles: typeof import("../src/index.js") }).minimaxFiles;
        const bytes = Uint8Array.from(atob(clipBase64), (c) => c.charCodeAt(0));
        const client = new core.MiniMaxFiles({ apiKey: "browser-files-key", baseURL: fakeUrl });
        const uploaded = await client.files.upload({ file: new File([bytes], "voice.wav", { type: "audio/wav" }) });
        const listed = await client.files.list({ purpose: "voice_clone" });
        const content = await client.files.retrieveContent(uploaded.file_id);
        const downloaded = await content.bytes();
        const same = downloaded.length === bytes.length && downloaded.every((byte, i) => byte === bytes[i]);
        const deleted = await client.files.delete(uploaded.file_id, { purpose: "voice_clone" });
        const missing = await client.files.retrieveContent(uploaded.file_id).catch((e: Error & { code?: number }) => `${e.name} ${e.code}`);
        return { id: uploaded.file_id, listed: listed.map((file) => file.file_id), same, deleted, missing };
      },
      { fakeUrl: fake.url, clipBase64: Buffer.from(clip).toString("base64") },
    );
    await page.close();
    expect(BigInt(outcome.id)).toBeGreaterThan(2n ** 53n);
    expect(outcome).toEqual({
      id: outcome.id,
      listed: [outcome.id],
      same: true,
      deleted: { file_id: outcome.id },
      missing: "InvalidParametersError 2013",
    });
    expect(fake.files.size).toBe(0);
  });
});
