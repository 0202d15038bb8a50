/**
 * Progress and cancellation against a local server that reads the first part of the body and
 * then stops reading, so the upload is caught in the middle.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { UploadAbortedError } from "../src/errors.js";
import type { UploadProgress } from "../src/progress.js";
import { canaryKey } from "./canary.js";

const fileBytes = 32 * 1024 * 1024; // far more than loopback socket buffers hold
const stallAfter = 256 * 1024;

interface StallingServer {
  url: string;
  /** Resolves with the request once it has stalled. */
  stalled: Promise<IncomingMessage>;
  /** Reads the rest and answers. */
  resume(): void;
  /**
   * Drains the socket and resolves when it closes. A paused server cannot see the client close
   * the connection; once draining, only a connection the client closed reaches its end.
   */
  drainUntilClosed(): Promise<void>;
  received(): number;
}

let server: Server;
let stalling: StallingServer;

beforeEach(async () => {
  let received = 0;
  let resume!: () => void;
  let markStalled!: (request: IncomingMessage) => void;
  let stalledRequest: IncomingMessage | undefined;
  let markClosed!: () => void;
  const stalled = new Promise<IncomingMessage>((resolve) => (markStalled = resolve));
  const socketClosed = new Promise<void>((resolve) => (markClosed = resolve));
  server = createServer((request, response) => {
    request.socket.once("close", markClosed);
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received >= stallAfter && !request.isPaused() && resume === undefined) {
        request.pause();
        stalledRequest = request;
        resume = () => request.resume();
        markStalled(request);
      }
    });
    request.on("end", () =>
      response
        .writeHead(200, { "Content-Type": "application/json" })
        .end('{"file":{"file_id":7},"base_resp":{"status_code":0,"status_msg":"success"}}'),
    );
  });
  (resume as unknown) = undefined;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stalling = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stalled,
    resume: () => resume(),
    drainUntilClosed: () => {
      stalledRequest?.socket.resume();
      stalledRequest?.resume();
      return socketClosed;
    },
    received: () => received,
  };
});

afterEach(() => {
  server.closeAllConnections();
  server.close();
});

function client() {
  return new MiniMaxFiles({ apiKey: canaryKey("progress"), baseURL: stalling.url, preflight: false });
}

describe("onProgress", () => {
  test("reports bytes during the upload, never decreasing, ending at the total", async () => {
    const events: UploadProgress[] = [];
    const upload = client().upload({ file: new Uint8Array(fileBytes) }, { onProgress: (p) => events.push({ ...p }) });
    await stalling.stalled;
    // The server has stopped reading, so what was reported so far left before the upload ended.
    const duringUpload = events.at(-1);
    expect(duringUpload?.loaded).toBeGreaterThan(0);
    expect(duringUpload?.loaded).toBeLessThan(fileBytes);
    stalling.resume();
    const file = await upload;
    expect(file.file_id).toBe("7");
    expect(events.length).toBeGreaterThan(2);
    for (let i = 1; i < events.length; i++) expect(events[i]!.loaded).toBeGreaterThan(events[i - 1]!.loaded);
    expect(events.every((e) => e.total === fileBytes)).toBe(true);
    expect(events.at(-1)!.loaded).toBe(fileBytes);
  });

  test("a stream of unknown size reports loaded bytes with no total", async () => {
    const events: UploadProgress[] = [];
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => (sent++ < 64 ? c.enqueue(chunk) : c.close()),
    });
    const upload = client().upload({ file: stream }, { onProgress: (p) => events.push({ ...p }) });
    await stalling.stalled;
    stalling.resume();
    await upload;
    expect(events.at(-1)).toEqual({ loaded: 64 * chunk.length, total: undefined });
  });
});

describe("AbortSignal", () => {
  test("aborting mid-upload rejects at once, says so, and closes the connection", async () => {
    const controller = new AbortController();
    const upload = client().upload({ file: new Uint8Array(fileBytes) }, { signal: controller.signal });
    await stalling.stalled;
    controller.abort();
    const error = await upload.catch((e: unknown) => e);
    // The server never resumed reading, so the upload cannot have finished on its own.
    expect(error).toBeInstanceOf(UploadAbortedError);
    expect((error as Error).message).toMatch(/aborted/);
    await stalling.drainUntilClosed();
    expect(stalling.received()).toBeLessThan(fileBytes);
  });
});
