/**
 * A download to a path takes its body over from the socket (`transport/socket-body.ts`): every
 * byte in order, whatever the reads' sizes; an answer that breaks off, stalls, is aborted or sends
 * more than it declared; a chunked answer (left to node:http); a disk that refuses the writes;
 * and https, whose certificate is still checked as node:https's agent checks it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, open, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttpsServer, globalAgent } from "node:https";
import { type AddressInfo, connect, createServer as createNetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { socketBodyWriter } from "../src/files/write-socket-body.js";
import { SocketBody } from "../src/transport/socket-body.js";

const apiKey = "sk-socket-body-test";
/** Larger than the error probe (64 KiB), so the rest of the body is taken over from the socket. */
const content = randomBytes(3 * 1024 * 1024 + 123);

/** What the server does with the next request; `whole` once the script is used up. */
type Behaviour = "whole" | "chunked" | "truncated" | "stalled" | "too-long";
const script: Behaviour[] = [];

let folder: string;
let server: Server;
let baseURL: string;
const sockets = new Set<Socket>();

/** Writes `bytes` in pieces of varied sizes, a few milliseconds apart, so that reads split them differently each time. */
async function writeInPieces(write: (piece: Buffer) => void, bytes: Buffer): Promise<void> {
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = [1, 7_000, 65_536, 300_000, 1_000_000][i % 5]!;
    write(bytes.subarray(offset, offset + size));
    offset += size;
    if (i % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "socket-body-"));
  // A raw server, so that an answer can be framed in any way (or wrongly).
  const raw = createNetServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => {}); // the client closing mid-answer (what several tests do)
    socket.once("data", async () => {
      const behaviour = script.shift() ?? "whole";
      const head = (headers: string) => socket.write(`HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\n${headers}\r\n`);
      if (behaviour === "chunked") {
        head("Transfer-Encoding: chunked\r\n");
        await writeInPieces((piece) => socket.write(`${piece.length.toString(16)}\r\n${piece.toString("latin1")}\r\n`, "latin1"), content);
        socket.end("0\r\n\r\n");
        return;
      }
      head(`Content-Length: ${content.length}\r\n`);
      if (behaviour === "whole") await writeInPieces((piece) => socket.write(piece), content);
      if (behaviour === "too-long") await writeInPieces((piece) => socket.write(piece), Buffer.concat([content, Buffer.from("GARBAGE")]));
      if (behaviour === "truncated") {
        socket.write(content.subarray(0, 1024 * 1024));
        setTimeout(() => socket.destroy(), 20);
      }
      if (behaviour === "stalled") socket.write(content.subarray(0, 1024 * 1024)); // and nothing more
    });
  });
  server = raw as unknown as Server;
  await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
});

afterEach(() => {
  script.length = 0;
  vi.restoreAllMocks();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

const client = () => new MiniMaxFiles({ apiKey, baseURL, maxRetries: 0, timeout: 5_000 });
const target = (name: string) => join(folder, `${name}-${Math.random().toString(36).slice(2)}.wav`);
const leftovers = async () => (await readdir(folder)).filter((name) => name.endsWith(".partial"));

test("every byte, in order, taken from the socket; progress rises to the size", async () => {
  const takeOver = vi.spyOn(SocketBody.prototype, "takeOver");
  const path = target("whole");
  const loaded: number[] = [];
  const result = await client().files.download("7", path, { onProgress: (progress) => loaded.push(progress.loaded) });
  expect(result.bytes).toBe(content.length);
  expect((await readFile(path)).equals(content)).toBe(true);
  expect(takeOver).toHaveReturnedWith(true);
  expect(loaded.at(-1)).toBe(content.length);
  expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
});

test("bytes past the declared length are not the file's", async () => {
  script.push("too-long");
  const path = target("too-long");
  await expect(client().files.download("7", path)).resolves.toMatchObject({ bytes: content.length });
  expect((await readFile(path)).equals(content)).toBe(true);
});

test("a chunked answer is left to node:http, and written whole", async () => {
  script.push("chunked");
  const takeOver = vi.spyOn(SocketBody.prototype, "takeOver");
  const path = target("chunked");
  await expect(client().files.download("7", path)).resolves.toMatchObject({ bytes: content.length });
  expect((await readFile(path)).equals(content)).toBe(true);
  expect(takeOver).not.toHaveBeenCalled();
});

test("an answer that breaks off after the take-over: InvalidResponseError (truncated), no file, nothing partial", async () => {
  script.push("truncated");
  const path = target("truncated");
  await expect(client().files.download("7", path)).rejects.toMatchObject({ name: "InvalidResponseError", reason: "truncated" });
  expect((await readdir(folder)).filter((name) => name.startsWith("truncated"))).toEqual([]);
  expect(await leftovers()).toEqual([]);
});

test("a read that broke off is retried, and the retry's file is whole", async () => {
  script.push("truncated");
  const path = target("retried");
  const retrying = new MiniMaxFiles({ apiKey, baseURL, maxRetries: 1, initialRetryDelayMs: 1 });
  await expect(retrying.files.download("7", path)).resolves.toMatchObject({ bytes: content.length });
  expect((await readFile(path)).equals(content)).toBe(true);
});

test("a body that stalls after the take-over is cut by the timeout: TimeoutError, nothing partial", async () => {
  script.push("stalled");
  const path = target("stalled");
  const slow = new MiniMaxFiles({ apiKey, baseURL, maxRetries: 0, timeout: 400 });
  await expect(slow.files.download("7", path)).rejects.toMatchObject({ name: "TimeoutError", timeoutMs: 400 });
  expect(await leftovers()).toEqual([]);
});

test("an abort after the take-over: AbortedError, the connection closed, nothing partial", async () => {
  script.push("stalled");
  const controller = new AbortController();
  const path = target("aborted");
  const download = client().files.download("7", path, {
    signal: controller.signal,
    onProgress: ({ loaded }) => {
      if (loaded > 512 * 1024) controller.abort(new Error("user cancelled"));
    },
  });
  await expect(download).rejects.toMatchObject({ name: "AbortedError" });
  expect(await leftovers()).toEqual([]);
  await vi.waitFor(() => expect(sockets.size).toBe(0));
});

/** A request of the whole content through a {@link SocketBody}, its answer paused as a download's is when its writer starts. */
async function answerOnSocketBody(): Promise<{ socketBody: SocketBody; incoming: IncomingMessage }> {
  const socketBody = new SocketBody();
  const incoming = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = httpRequest(`${baseURL}/minimax/v1/files/retrieve_content?file_id=7`, {
      createConnection: socketBody.connection((options) => connect(options as never)),
    });
    request.on("response", resolve).on("error", reject).end();
  });
  incoming.on("error", () => {});
  incoming.pause();
  return { socketBody, incoming };
}

// /dev/full (a file whose every write fails with ENOSPC) is Linux's; elsewhere there is no such file.
test.skipIf(process.platform !== "linux")(
  "a disk that refuses the writes: the disk's error, and the answer's connection is closed",
  async () => {
    const { socketBody, incoming } = await answerOnSocketBody();
    const full = await open("/dev/full", "w");
    try {
      await expect(
        socketBodyWriter([], { socketBody, incoming }, { onBytes: () => {}, failRead: (e: unknown) => e as Error })(full),
      ).rejects.toMatchObject({
        code: "ENOSPC",
      });
    } finally {
      await full.close();
    }
    await vi.waitFor(() => expect(incoming.socket?.destroyed ?? true).toBe(true));
  },
);

test("a slow disk moves the rest to writes on libuv's threads, the socket paused while they are behind: every byte, in order", async () => {
  const { socketBody, incoming } = await answerOnSocketBody();
  const resume = vi.spyOn(socketBody, "resume");
  const path = target("slow-disk");
  const handle = await open(path, "w");
  const loaded: number[] = [];
  const hooks = { onBytes: (n: number) => loaded.push(n), failRead: (e: unknown) => e as Error };
  try {
    // Every write counts as slow; reading pauses once 64 KiB wait.
    const bytes = await socketBodyWriter([], { socketBody, incoming }, hooks, { slowWriteMs: -1, queuedBytes: 64 * 1024 })(handle);
    expect(bytes).toBe(content.length);
  } finally {
    await handle.close();
  }
  expect((await readFile(path)).equals(content)).toBe(true);
  expect(resume).toHaveBeenCalled();
  expect(loaded.at(-1)).toBe(content.length);
});

/** Starts an https server on 127.0.0.1 with a certificate for `localhost`, serving `content`; returns its port and certificate. */
async function startHttps(): Promise<{ port: number; cert: string; close: () => Promise<void> }> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] }],
  });
  const https = createHttpsServer({ key: pems.private, cert: pems.cert }, (_request, response) => {
    response.writeHead(200, { "Content-Type": "audio/wav", "Content-Length": content.length });
    void writeInPieces((piece) => response.write(piece), content).then(() => response.end());
  });
  await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
  return {
    port: (https.address() as AddressInfo).port,
    cert: pems.cert,
    close: () => new Promise((resolve) => https.close(() => resolve())),
  };
}

test("https: a certificate no authority signed is refused, as node:https refuses it", async () => {
  const https = await startHttps();
  try {
    const secure = new MiniMaxFiles({ apiKey, baseURL: `https://localhost:${https.port}`, maxRetries: 0 });
    await expect(secure.files.download("7", target("untrusted"))).rejects.toMatchObject({ name: "ConnectionError" });
  } finally {
    await https.close();
  }
});

test("https: what https.globalAgent.options set (a trusted certificate) applies to a download's own connection too", async () => {
  const https = await startHttps();
  const options = globalAgent.options as { ca?: string };
  try {
    options.ca = https.cert;
    const secure = new MiniMaxFiles({ apiKey, baseURL: `https://localhost:${https.port}`, maxRetries: 0 });
    const path = target("agent-ca");
    await expect(secure.files.download("7", path)).resolves.toMatchObject({ bytes: content.length });
    expect((await readFile(path)).equals(content)).toBe(true);
  } finally {
    delete options.ca;
    await https.close();
  }
});

test("https: with the certificate trusted (NODE_EXTRA_CA_CERTS), the name checked is the host's, and every byte arrives", async () => {
  const https = await startHttps();
  try {
    const certPath = join(folder, "localhost.pem");
    await writeFile(certPath, https.cert);
    const path = target("https");
    const distEntry = new URL("../dist/index.js", import.meta.url).href;
    const script =
      `const { MiniMaxFiles } = await import(${JSON.stringify(distEntry)});` +
      `const client = new MiniMaxFiles({ apiKey: "k", baseURL: "https://localhost:${https.port}", maxRetries: 0 });` +
      `const { bytes } = await client.files.download("7", ${JSON.stringify(path)});` +
      // The same server by IP address: its certificate names localhost only.
      `const byIp = new MiniMaxFiles({ apiKey: "k", baseURL: "https://127.0.0.1:${https.port}", maxRetries: 0 });` +
      `const mismatch = await byIp.files.download("7", ${JSON.stringify(`${path}.ip`)})` +
      `.then(() => "written", (e) => e.name + ": " + e.message);` +
      "console.log(JSON.stringify({ bytes, mismatch }));";
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    await new Promise((resolve) => child.once("close", resolve));
    const { bytes, mismatch } = JSON.parse(output) as { bytes: number; mismatch: string };
    expect(bytes).toBe(content.length);
    expect((await readFile(path)).equals(content)).toBe(true);
    expect(mismatch).toMatch(/^ConnectionError: .*(IP|altnames|127\.0\.0\.1)/i);
  } finally {
    await https.close();
  }
});
