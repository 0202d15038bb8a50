/**
 * In Node, the client's own path never loads undici (Node's `fetch`, `Headers`, `Response`): naming
 * one of those globals loads it, about 30 ms and 3 MB of heap on the first request (a CLI
 * command's start, and a heap that large makes V8 collect a download's buffers with full
 * mark-compacts). Run in a fresh process on the built package, against a local server.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeWav } from "@minimax-files/testkit";
import { afterAll, beforeAll, expect, test } from "vitest";

const distEntry = new URL("../dist/index.js", import.meta.url).href;
const undiciLoadedProbe = 'console.log(JSON.stringify(process.moduleLoadList.some((name) => name.includes("undici"))));';
/** Whether node:http itself loads undici in this Node (22 and later do): then there is nothing for the client to avoid. */
const httpLoadsUndici =
  spawnSync(process.execPath, ["--input-type=module", "-e", `await import("node:http"); ${undiciLoadedProbe}`], {
    encoding: "utf8",
  }).stdout.trim() === "true";
const ok = { status_code: 0, status_msg: "success" };
const stored = { file_id: 7, bytes: 5, created_at: 1, filename: "a.wav", purpose: "voice_clone" };
let server: Server;
let baseURL: string;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "lazy-globals-"));
  await writeFile(join(folder, "clip.wav"), makeWav({ seconds: 11 }));
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://x").pathname;
      if (path.endsWith("/retrieve_content")) return response.writeHead(200, { "Content-Type": "audio/wav" }).end("RIFF-bytes");
      const json = path.endsWith("/list")
        ? { files: [stored], base_resp: ok }
        : path.endsWith("/retrieve") || path.endsWith("/upload")
          ? { file: stored, base_resp: ok }
          : { base_resp: ok };
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

/** Runs `calls` (the body of an async function with `client` and `folder`) in a fresh process; whether undici got loaded. */
async function undiciLoadedAfter(calls: string): Promise<boolean> {
  const script = `
    const { MiniMaxFiles } = await import(${JSON.stringify(distEntry)});
    const client = new MiniMaxFiles({ apiKey: "k-lazy-globals-1234", baseURL: ${JSON.stringify(baseURL)}, maxRetries: 0 });
    const folder = ${JSON.stringify(folder)};
    ${calls}
    ${undiciLoadedProbe}`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  const code = await new Promise((resolve) => child.on("close", resolve));
  expect(err).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out) as boolean;
}

// Skipped where node:http loads undici itself (Node 22 and 24: measured in a fresh process, `import("node:http")` alone loads it).
test.skipIf(httpLoadsUndici)("list, retrieve, download, delete and a checked upload from a path leave undici unloaded", async () => {
  const loaded = await undiciLoadedAfter(`
    await client.files.list({ purpose: "voice_clone" });
    await client.files.retrieve("7");
    await client.files.download("7", folder + "/out.wav", { overwrite: true });
    await client.files.delete("7", { purpose: "voice_clone" });
    await client.upload({ file: folder + "/clip.wav", purpose: "voice_clone" });`);
  expect(loaded).toBe(false);
});

test("a result's Response, when read, is undici's (the probe sees it load)", async () => {
  const loaded = await undiciLoadedAfter(`
    const { response } = await client.files.listWithResponse({ purpose: "voice_clone" });
    if (!(response instanceof Response)) throw new Error("not a Response");`);
  expect(loaded).toBe(true);
});
