/**
 * One-shot streams are checked on their head and sent as they arrive: the size is counted as
 * bytes pass, a failing or short source stops the request at once, and only a stream whose head
 * does not declare its duration is written to a temporary file (deleted however the upload ends).
 */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  type EchoServer,
  encodeTone,
  makeM4a,
  makeMp3,
  makeWav,
  startEchoServer,
  startFaultServer,
  successBody,
} from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { AudioPreflightError, ServerError, SourceError } from "../src/errors.js";
import { canaryKey } from "./canary.js";
import { privateTmpDir } from "./helpers.js";

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const client = (baseURL: string) => new MiniMaxFiles({ apiKey: canaryKey("streams"), baseURL, initialRetryDelayMs: 1 });

/** A web stream of `bytes` in 16 KiB chunks that, after `failAfter` bytes, errors with `reason`. */
function chunked(bytes: Uint8Array, options: { failAfter?: number; reason?: Error } = {}): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (options.failAfter !== undefined && offset >= options.failAfter) return controller.error(options.reason ?? new Error("gone"));
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 16 * 1024));
      offset += 16 * 1024;
    },
  });
}

const spoolFolders = privateTmpDir({ beforeAll, afterAll });

async function receivedAfter(upload: () => Promise<unknown>) {
  const before = echo.uploads.length;
  await upload();
  expect(echo.uploads.length).toBe(before + 1);
  return echo.uploads.at(-1)!.files[0]!.bytes;
}

describe("checked on the head, sent as it arrives", () => {
  test.each([
    ["a WAV", makeWav({ seconds: 12 })],
    ["an M4A with moov first", makeM4a({ seconds: 30, mediaBytes: 300_000 })],
  ])("%s stream reaches the endpoint byte for byte, without a temporary file", async (_, bytes) => {
    const received = await receivedAfter(() => client(echo.url).upload({ file: chunked(bytes) }));
    expect(Buffer.compare(received, Buffer.from(bytes))).toBe(0);
    expect(await spoolFolders()).toEqual([]);
  });

  test("bytes go upstream while the source is still being read: the request starts before the stream ends", async () => {
    const wav = makeWav({ seconds: 12 });
    const blockAt = 12 * 16 * 1024;
    let received = 0;
    let receivedWhileBlocked = 0;
    const server: Server = createServer((request, response) => {
      request.on("data", (chunk: Buffer) => (received += chunk.length));
      request.on("end", () => response.writeHead(200, { "Content-Type": "application/json" }).end(successBody));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      let offset = 0;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (offset === blockAt) {
            // The source holds back the rest until the endpoint has seen 100 KB (or 2 s pass).
            for (let i = 0; i < 200 && received < 100_000; i++) await new Promise((r) => setTimeout(r, 10));
            receivedWhileBlocked = received;
          }
          if (offset >= wav.length) return controller.close();
          controller.enqueue(wav.slice(offset, offset + 16 * 1024));
          offset += 16 * 1024;
        },
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await client(url).upload({ file: stream });
      expect(receivedWhileBlocked).toBeGreaterThanOrEqual(100_000);
      expect(received).toBeGreaterThan(wav.length);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("a stream that passes the size limit stops the request there: AudioPreflightError, no upload completes", async () => {
    const fault = await startFaultServer([{ kind: "reply", body: successBody }]);
    try {
      const error = await client(fault.url)
        .upload({ file: chunked(makeWav({ seconds: 12 })) }, { preflight: { maxBytes: 150_000 } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AudioPreflightError);
      expect(error).toMatchObject({ rule: "size", found: "more than 150000 bytes", attempts: 1 });
      await fault.allConnectionsClosed();
      expect(fault.received[0]).toBeLessThan(150_000 + 1024);
    } finally {
      await fault.close();
    }
  });

  test("a stream that fails midway: SourceError with the bytes read and the cause; the request is aborted, not completed", async () => {
    const before = echo.uploads.length;
    const error = await client(echo.url)
      .upload({ file: chunked(makeWav({ seconds: 12 }), { failAfter: 128 * 1024, reason: new Error("caller went away") }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ field: "file", bytesRead: 128 * 1024, retryable: false });
    expect((error as Error).message).toMatch(/after 131072 bytes \(caller went away\)/);
    expect(echo.uploads.length).toBe(before);
  });

  test("a Node Readable that fails midway: SourceError with the bytes read; the request is aborted, not completed", async () => {
    const before = echo.uploads.length;
    const wav = makeWav({ seconds: 12 });
    const readable = new Readable({ read() {} });
    readable.push(wav.subarray(0, 100_000));
    // It fails once its bytes are on their way (not on a timer, which a busy machine outruns).
    let failing = false;
    const failMidway = ({ loaded }: { loaded: number }) => {
      if (failing || loaded === 0) return;
      failing = true;
      readable.push(wav.subarray(100_000, 200_000));
      setImmediate(() => readable.destroy(new Error("caller went away")));
    };
    const error = await client(echo.url)
      .upload({ file: readable }, { onProgress: failMidway })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/failed after \d+ bytes \(caller went away\)/);
    expect(echo.uploads.length).toBe(before);
  });

  test("a Node Readable that stalls during the checks times out, and one that stalls after them is cut by the timeout too", async () => {
    const stalled = new Readable({ read() {} });
    stalled.push(makeWav({ seconds: 12 }).subarray(0, 1000));
    const early = await client(echo.url)
      .upload({ file: stalled }, { timeout: 300 })
      .catch((e: unknown) => e);
    expect(early).toMatchObject({ name: "TimeoutError" });
    const later = new Readable({ read() {} });
    later.push(makeWav({ seconds: 12 }).subarray(0, 100_000));
    const late = await client(echo.url)
      .upload({ file: later }, { timeout: 300, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ name: "TimeoutError" });
    // The request's close follows its error: destroyed soon after, however loaded the machine.
    await vi.waitFor(() => expect(later.destroyed).toBe(true), { timeout: 2_000 });
  });

  test("a source that ends short of its declared size fails at once, saying how many bytes were promised and read", async () => {
    const wav = makeWav({ seconds: 12 });
    class ShrunkBlob extends Blob {
      override stream() {
        return chunked(wav.subarray(0, 100_000)) as ReadableStream<Uint8Array<ArrayBuffer>>;
      }
    }
    const before = echo.uploads.length;
    const error = await client(echo.url)
      .upload({ file: new ShrunkBlob([wav as Uint8Array<ArrayBuffer>]) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ bytesRead: 100_000, expectedBytes: wav.length });
    expect((error as Error).message).toMatch(new RegExp(`after 100000 of the ${wav.length} bytes`));
    expect(echo.uploads.length).toBe(before);
  });

  test("a failed attempt of a stream sent as it arrived is not retried (it cannot be replayed)", async () => {
    const fault = await startFaultServer([
      { kind: "reply", status: 503, body: "busy" },
      { kind: "reply", body: successBody },
    ]);
    try {
      const error = await client(fault.url)
        .upload({ file: Readable.from([makeWav({ seconds: 12 })]) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerError);
      expect((error as Error).message).toMatch(/Not retried: the source is a one-shot stream/);
      expect(fault.received).toHaveLength(1);
    } finally {
      await fault.close();
    }
  });
});

describe("read whole when the head does not declare the duration", () => {
  test.each([
    ["a constant-bitrate MP3 without a frame count", () => makeMp3({ seconds: 30 })],
    ["an M4A with moov after mdat", () => makeM4a({ seconds: 30, mediaBytes: 300_000, moovLast: true })],
  ])("%s is written to a temporary file, checked, sent byte for byte, and the file is deleted", async (_, make) => {
    const bytes = make();
    const received = await receivedAfter(() => client(echo.url).upload({ file: chunked(bytes) }));
    expect(Buffer.compare(received, Buffer.from(bytes))).toBe(0);
    expect(await spoolFolders()).toEqual([]);
  });

  test("the temporary file is deleted when the whole-file check refuses the audio", async () => {
    const error = await client(echo.url)
      .upload({ file: chunked(makeM4a({ seconds: 400, mediaBytes: 100_000, moovLast: true })) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ rule: "duration", found: "400 s" });
    expect(await spoolFolders()).toEqual([]);
  });

  test("the temporary file is deleted when the upload fails, and a spooled stream can be retried", async () => {
    const fault = await startFaultServer([
      { kind: "reply", status: 503, body: "busy" },
      { kind: "reply", status: 503, body: "busy" },
    ]);
    try {
      const error = await client(fault.url)
        .upload({ file: chunked(makeMp3({ seconds: 30 })) }, { maxRetries: 1 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerError);
      expect(fault.received).toHaveLength(2);
      expect(await spoolFolders()).toEqual([]);
    } finally {
      await fault.close();
    }
  });

  test("spooling stops at the size limit and deletes what it wrote", async () => {
    const error = await client(echo.url)
      .upload({ file: chunked(makeMp3({ seconds: 30 })) }, { preflight: { maxBytes: 200_000 } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ rule: "size" });
    expect(await spoolFolders()).toEqual([]);
  });
});

describe("files from real encoders (ffmpeg)", () => {
  test.each([
    ["mp3 (LAME, with its Info header)", "mp3"],
    ["m4a with moov first", "m4a-faststart"],
    ["m4a with moov last", "m4a"],
  ] as const)("a %s stream is accepted and reaches the endpoint byte for byte", async (_, format) => {
    const bytes = await encodeTone({ seconds: 12, format });
    const received = await receivedAfter(() => client(echo.url).upload({ file: chunked(bytes) }));
    expect(Buffer.compare(received, Buffer.from(bytes))).toBe(0);
  });
});

describe("a request that fails while the source is read", () => {
  test("reports the request's failure, not a 'short' source: cancelling the body is not the source ending early", async () => {
    const fault = await startFaultServer([{ kind: "reset", afterBytes: 64 * 1024 }]);
    const folder = await mkdtemp(join(tmpdir(), "stream-checks-"));
    try {
      const path = join(folder, "voice.wav");
      await writeFile(path, makeWav({ seconds: 300, sampleRate: 32_000 })); // 19 MB: reads still pending when the reset comes
      for (let i = 0; i < 5; i++) {
        const error = await client(fault.url)
          .upload({ file: path }, { maxRetries: 0 })
          .catch((e: unknown) => e);
        expect(error).not.toBeInstanceOf(SourceError);
        expect(error).toMatchObject({ name: "ConnectionError", retryable: true });
      }
    } finally {
      await fault.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("Node's upload path", () => {
  test(
    "a 6 MB path of random bytes to a slow reader arrives byte for byte: " + "each read buffer is reused only after the socket took it",
    async () => {
      const folder = await mkdtemp(join(tmpdir(), "native-path-"));
      // Reads 64 KiB every 5 ms, so the socket fills up and writes have to wait in Node's queue.
      const chunks: Buffer[] = [];
      const slow = createServer((request, response) => {
        request.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          request.pause();
          setTimeout(() => request.resume(), 5);
        });
        request.on("end", () => response.writeHead(200, { "Content-Type": "application/json" }).end(successBody));
      });
      await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
      try {
        const bytes = new Uint8Array(6 * 1024 * 1024 + 123);
        for (let offset = 0; offset < bytes.length; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, offset + 65_536));
        const path = join(folder, "random.bin");
        await writeFile(path, bytes);
        const progress: number[] = [];
        const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
        await client(url).upload({ file: path }, { preflight: false, onProgress: ({ loaded }) => progress.push(loaded) });
        const body = Buffer.concat(chunks);
        const start = body.indexOf(Buffer.from(bytes.subarray(0, 64)));
        expect(start).toBeGreaterThan(0);
        expect(Buffer.compare(body.subarray(start, start + bytes.length), Buffer.from(bytes))).toBe(0);
        expect(progress.at(-1)).toBe(bytes.length);
        expect(progress.length).toBeGreaterThan(5); // a report per 1 MiB read the socket took, not one at the end
        expect([...progress].sort((a, b) => a - b)).toEqual(progress);
      } finally {
        slow.closeAllConnections();
        await new Promise((resolve) => slow.close(resolve));
        await rm(folder, { recursive: true, force: true });
      }
    },
  );
});

describe("a stream whose cancel never settles", () => {
  test("read whole (as in browsers), it is refused over the limit without waiting for its cancel", async () => {
    const { collectStream } = await import("../src/sources/byte-stream.js");
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(1024)),
      cancel: () => {
        cancelled = true;
        return new Promise<void>(() => {});
      },
    });
    await expect(collectStream(endless, 10_000)).resolves.toEqual({ exceeded: 10_240 });
    expect(cancelled).toBe(true);
  });
});
