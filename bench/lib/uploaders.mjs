import { openAsBlob } from "node:fs";
import { open } from "node:fs/promises";
import { request } from "node:http";
import { MiniMaxFiles } from "@minimax-files/core";
import { launch } from "./launcher.mjs";

const apiKey = "bench-key-0000";
const path = "/minimax/v1/files/upload";

/**
 * The ways a user could upload a file, each timed from call to answer, in ms:
 * - curl: `curl -F` (the reference; its own time_total, without process start-up), started by the
 *   bench's launcher process (`launcher.mjs`: a fork here would slow the tool measured next);
 * - core: this project's client (pre-flight checks off: the files are not audio);
 * - fetch: plain fetch with FormData and fs.openAsBlob;
 * - nodeHttp: the simplest careful Node upload, as a yardstick: a FileHandle read into two
 *   1 MiB buffers kept from one upload to the next, written to a node:http request with
 *   backpressure (no checks, no parsing);
 * - coreProgress: the client with an onProgress listener;
 * - coreChecked: the client as users get it, its pre-flight checks on (for real audio only).
 * Each in-process tool also reports the CPU it used (process.cpuUsage); curl its own, from bash's `times`.
 */
/** CPU (user + system, ms) the last call of each tool used. */
export const lastCpuMs = {};

async function timedWithCpu(tool, upload) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await upload();
  const time = performance.now() - start;
  const used = process.cpuUsage(cpu);
  lastCpuMs[tool] = (used.user + used.system) / 1000;
  return time;
}

/**
 * The yardstick's read buffers: two of 1 MiB, kept from one upload to the next. Round 9 tuned it
 * as core was (`sources/chunk-pool.ts`, `file-source.ts`): a fresh buffer per upload (it took up
 * to 4 of up to 256 KiB, sized to the file) costs an allocation and a page fault per page read,
 * about 100–500 µs of a 100 KB upload here, and 256 KiB reads made 20 MB 1.6× slower than 1 MiB.
 */
const chunkBytes = 1024 * 1024;
const keptBuffers = [];

/** The yardstick: multipart around a file read into the kept buffers, node:http with backpressure. */
async function bareNodeUpload(url, file) {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const boundary = "----bench-bare-boundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; ` +
        `name="purpose"\r\n\r\nvoice_clone\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
        `filename="audio.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const headers = {
      Authorization: `Bearer ${apiKey}`,
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      "Content-Length": String(head.length + size + tail.length),
    };
    await new Promise((resolve, reject) => {
      const req = request(url, { method: "POST", headers }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      // One buffer for a file up to 1 MiB, two for a larger one (one read while the socket takes the other).
      const count = Math.max(1, Math.min(2, Math.ceil(size / chunkBytes)));
      while (keptBuffers.length < count) keptBuffers.push(Buffer.allocUnsafe(chunkBytes));
      const buffers = keptBuffers.slice(0, count);
      const free = buffers.map(() => Promise.resolve());
      (async () => {
        req.write(head);
        for (let position = 0, i = 0; position < size; i = (i + 1) % buffers.length) {
          await free[i];
          const { bytesRead } = await handle.read(buffers[i], 0, Math.min(chunkBytes, size - position), position);
          position += bytesRead;
          free[i] = new Promise((done) => req.write(buffers[i].subarray(0, bytesRead), done));
        }
        await Promise.all(free);
        req.end(tail);
      })().catch(reject);
    });
  } finally {
    await handle.close();
  }
}

export function uploaders(baseURL) {
  const client = new MiniMaxFiles({ apiKey, baseURL, preflight: false, maxRetries: 0 });
  const checkingClient = new MiniMaxFiles({ apiKey, baseURL, maxRetries: 0 });
  return {
    async curl(file) {
      const command =
        `curl -sS -o /dev/null -w '%{time_total}\\n' -H 'Authorization: Bearer ${apiKey}' -F purpose=voice_clone -F ` +
        `'file=@${file}' '${baseURL + path}'; times`;
      const { stdout } = await launch("bash", ["-c", command]);
      const [total, , children] = stdout.trim().split("\n");
      const [user, system] = children.split(" ").map((t) => {
        const [, m, sec] = /(\d+)m([\d.]+)s/.exec(t);
        return Number(m) * 60 + Number(sec);
      });
      lastCpuMs.curl = (user + system) * 1000;
      return Number(total) * 1000;
    },
    async curlProcess(file) {
      const { ms } = await launch("curl", [
        "-sS",
        "-o",
        "/dev/null",
        "-H",
        `Authorization: Bearer ${apiKey}`,
        "-F",
        "purpose=voice_clone",
        "-F",
        `file=@${file}`,
        baseURL + path,
      ]);
      return ms;
    },
    async core(file) {
      return timedWithCpu("core", () => client.upload({ file, purpose: "voice_clone" }));
    },
    async coreProgress(file) {
      let calls = 0;
      return timedWithCpu("coreProgress", () => client.upload({ file, purpose: "voice_clone" }, { onProgress: () => calls++ }));
    },
    async coreChecked(file) {
      return timedWithCpu("coreChecked", () => checkingClient.upload({ file, purpose: "voice_clone" }));
    },
    async nodeHttp(file) {
      return timedWithCpu("nodeHttp", () => bareNodeUpload(baseURL + path, file));
    },
    async fetch(file) {
      const start = performance.now();
      const form = new FormData();
      form.append("purpose", "voice_clone");
      form.append("file", await openAsBlob(file), "audio.bin");
      const response = await fetch(baseURL + path, { method: "POST", body: form, headers: { Authorization: `Bearer ${apiKey}` } });
      await response.text();
      return performance.now() - start;
    },
  };
}
