/**
 * Class 1 of the hardening issue: every option and parameter is checked before any connection,
 * and a wrong one raises InvalidInputError naming the option, what it got and what it expects;
 * never a ConnectionError after retries, a raw TypeError/RangeError, or a disabled check.
 * A real listening server counts connections, so "before any connection" is measured, not assumed.
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeWav } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import type { ClientOptions } from "../src/client-options.js";
import { InvalidInputError } from "../src/errors.js";
import type { UploadOptions as RequestOptions, UploadParams } from "../src/files/upload.js";
import { canaryKey, canaryMarker } from "./canary.js";
import { findCanary } from "./setup/canary-scan.js";

const apiKey = canaryKey("bad-input");
const distEntry = new URL("../dist/index.js", import.meta.url).href;

function canRunAsNobody(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync(process.execPath, ["--input-type=module", "-e", `await import(${JSON.stringify(distEntry)})`], {
    uid: 65534,
    gid: 65534,
  });
  return probe.status === 0;
}
const clip = makeWav({ seconds: 12 });
let server: Server;
let baseURL: string;
let connections = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () =>
      response
        .writeHead(200, { "Content-Type": "application/json" })
        .end('{"file":{"file_id":1},"base_resp":{"status_code":0,"status_msg":"success"}}'),
    );
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Runs `act`, expecting InvalidInputError for `field` and no connection at all. */
async function refused(act: () => unknown, field: string, message?: RegExp): Promise<InvalidInputError> {
  const before = connections;
  let error: unknown;
  try {
    await act();
  } catch (caught) {
    error = caught;
  }
  expect(error, "it should have thrown").toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({ field, attempts: 0, retryable: false });
  if (message) expect((error as Error).message).toMatch(message);
  expect(findCanary(error)).toBeUndefined();
  expect(connections).toBe(before);
  return error as InvalidInputError;
}

const construct = (options: ClientOptions) => () => new MiniMaxFiles({ apiKey, baseURL, ...options });
const upload =
  (params: Partial<UploadParams>, options?: RequestOptions, clientOptions: ClientOptions = {}) =>
  () =>
    new MiniMaxFiles({ apiKey, baseURL, ...clientOptions }).upload({ file: clip, ...params } as UploadParams, options);

describe("numbers", () => {
  test.each([
    ["timeout NaN", { timeout: Number.NaN }, "timeout", /got NaN/],
    ["timeout negative", { timeout: -5 }, "timeout", /got -5/],
    ["timeout past what a timer holds (30 days)", { timeout: 30 * 24 * 3600 * 1000 }, "timeout", /2147483647 \(about 24\.8 days\)/],
    ["timeout Infinity", { timeout: Number.POSITIVE_INFINITY }, "timeout", /got Infinity/],
    ["timeout as a string", { timeout: "1000" as unknown as number }, "timeout", /got "1000"/],
    ["maxRetries fractional", { maxRetries: 1.5 }, "maxRetries", /whole number/],
    ["maxRetries NaN", { maxRetries: Number.NaN }, "maxRetries", /got NaN/],
    ["maxRetries negative", { maxRetries: -1 }, "maxRetries", /got -1/],
    ["initialRetryDelayMs NaN", { initialRetryDelayMs: Number.NaN }, "initialRetryDelayMs", /got NaN/],
    ["maxRetryDelayMs past a timer", { maxRetryDelayMs: 2 ** 31 }, "maxRetryDelayMs", /got 2147483648/],
    ["maxRetryAfterMs negative", { maxRetryAfterMs: -1 }, "maxRetryAfterMs", /got -1/],
    ["maxResponseBytes fractional", { maxResponseBytes: 10.5 }, "maxResponseBytes", /whole number of bytes/],
    ["a NaN size limit (which used to turn the 20 MB check off)", { preflight: { maxBytes: Number.NaN } }, "preflight.maxBytes", /got NaN/],
    [
      "a negative duration limit",
      { preflight: { durations: { voice_clone: { minSeconds: -1 } } } },
      "preflight.durations.voice_clone.minSeconds",
      /got -1/,
    ],
    [
      "a minimum above the maximum",
      { preflight: { durations: { voice_clone: { minSeconds: 20, maxSeconds: 10 } } } },
      "preflight.durations.voice_clone",
      /minSeconds 20 is above maxSeconds 10/,
    ],
    [
      "a duration limit for an unknown purpose",
      { preflight: { durations: { music: { maxSeconds: 5 } } as never } },
      "preflight.durations.music",
      /got "music"/,
    ],
    ["preflight as a string", { preflight: "off" as never }, "preflight", /got "off"/],
  ])("client option: %s", async (_, options, field, message) => {
    await refused(construct(options as ClientOptions), field, message);
  });

  test.each([
    ["timeout NaN", { timeout: Number.NaN }, "timeout"],
    ["timeout past a timer", { timeout: 2 ** 31 }, "timeout"],
    ["maxRetries fractional", { maxRetries: 0.5 }, "maxRetries"],
    ["a NaN size limit", { preflight: { maxBytes: Number.NaN } }, "preflight.maxBytes"],
    ["onProgress not a function", { onProgress: "yes" as never }, "onProgress"],
    ["onRetry not a function", { onRetry: 1 as never }, "onRetry"],
    ["signal not an AbortSignal", { signal: {} as never }, "signal"],
  ])("per-call option: %s", async (_, options, field) => {
    await refused(upload({}, options as RequestOptions), field);
  });
});

describe("headers and the key", () => {
  test.each([
    ["a header name with a space", { "X Bad": "1" }, /not a valid HTTP field name/],
    ["a header name with a colon", { "X-Bad:": "1" }, /not a valid HTTP field name/],
    ["a header value with CR/LF", { "X-Inject": "a\r\nX-Evil: 1" }, /line break/],
    ["a header value outside Latin-1", { "X-Name": "Łódź ✓" }, /outside Latin-1/],
    ["a header value that is not a string", { "X-Count": 3 as unknown as string }, /value of X-Count is 3/],
  ])("defaultHeaders: %s", async (_, headers, message) => {
    await refused(construct({ defaultHeaders: headers }), "defaultHeaders", message);
  });

  test("per-call headers are checked the same way", async () => {
    await refused(upload({}, { headers: { "X-Inject": "a\nb" } }), "headers", /line break/);
  });

  test.each([
    ["a line break", `${apiKey}\r\nX-Evil: 1`, /line break/],
    ["a space", `${apiKey} extra`, /white space/],
    ["a character outside ASCII", `${apiKey}é`, /outside ASCII/],
  ])("an API key with %s is refused without being echoed", async (_, key, message) => {
    const error = await refused(() => new MiniMaxFiles({ apiKey: key, baseURL }), "apiKey", message);
    expect(error.message).not.toContain(canaryMarker);
  });
});

describe("baseURL", () => {
  test.each([
    ["a query string (uploads used to go to /?tenant=a/minimax/...)", "http://127.0.0.1:1/?tenant=a", /query string \(\?tenant=a\)/],
    ["a fragment", "http://127.0.0.1:1/#x", /#fragment/],
    ["credentials", "http://user:pw@127.0.0.1:1", /credentials/],
    ["not a URL", "gateway.example.com", /is not a URL/],
    ["ftp:", "ftp://127.0.0.1/", /protocol ftp:/],
  ])("with %s is refused", async (_, url, message) => {
    await refused(() => new MiniMaxFiles({ apiKey, baseURL: url }), "baseURL", message);
  });

  test("a key pasted into baseURL is not in the error (nor in any form of it)", async () => {
    const error = await refused(() => new MiniMaxFiles({ apiKey, baseURL: apiKey }), "baseURL");
    expect(error.message).toContain("[redacted API key]");
  });

  test("credentials in baseURL are not echoed", async () => {
    const error = await refused(() => new MiniMaxFiles({ apiKey, baseURL: "https://me:hunter2-secret@gw.example" }), "baseURL");
    expect(error.message).not.toContain("hunter2");
  });
});

describe("files and parameters", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "bad-input-"));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  test.each([
    ["a file: URL with a remote host", new URL("file://fileserver/share/a.wav"), /host/],
    ["a file: URL with an encoded /", new URL("file:///tmp/a%2Fb.wav"), /encoded/],
  ])("%s", async (_, url, message) => {
    await refused(upload({ file: url }), "file", message);
  });

  test.each([
    ["a number", 42],
    ["a symbol", Symbol("x")],
    ["a BigInt", 10n],
    ["an object", { name: "voice_clone" }],
  ])("a purpose that is %s", async (_, purpose) => {
    await refused(upload({ purpose: purpose as never }), "purpose", /expected voice_clone or prompt_audio/);
  });

  test.each([
    ["params that are not an object", () => new MiniMaxFiles({ apiKey, baseURL }).upload(null as never), "params"],
    ["a filename that is not a string", upload({ filename: 42 as never }), "filename"],
    ["an empty filename", upload({ filename: "" }), "filename"],
    ["a content type with a line break", upload({ contentType: "audio/wav\r\nX-Evil: 1" }), "contentType"],
  ])("%s", async (_, act, field) => {
    await refused(act, field);
  });

  // Root reads any file, so the unreadable file is read by a child process running as nobody.
  // Skipped when not root, or when nobody cannot run this Node binary or read the built package
  // (e.g. `npx node@22` keeps its binary in root's home).
  test.skipIf(!canRunAsNobody())("a path that exists but cannot be read: InvalidInputError with the path and EACCES", async () => {
    const path = join(folder, "private.wav");
    await writeFile(path, clip);
    await chmod(path, 0o600);
    await chmod(folder, 0o755);
    const script = `
      const { MiniMaxFiles } = await import(${JSON.stringify(distEntry)});
      const client = new MiniMaxFiles({ apiKey: "k-unread-12345", baseURL: "http://127.0.0.1:9" });
      const error = await client.upload({ file: ${JSON.stringify(path)} }).catch((e) => e);
      console.log(JSON.stringify({ name: error.name, field: error.field, message: error.message }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { uid: 65534, gid: 65534, encoding: "utf8" });
    const result = JSON.parse(child.stdout) as { name: string; field: string; message: string };
    expect(result).toMatchObject({ name: "InvalidInputError", field: "file" });
    expect(result.message).toContain(path);
    expect(result.message).toContain("EACCES");
  });
});
