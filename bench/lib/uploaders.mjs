import { openAsBlob } from "node:fs";
import { MiniMaxFiles } from "@minimax-files/core";
import { run } from "./processes.mjs";

const apiKey = "bench-key-0000";
const path = "/minimax/v1/files/upload";

/**
 * The ways a user could upload a file, each timed from call to answer, in ms:
 * - curl: `curl -F` (the reference; its own time_total, without process start-up);
 * - core: this project's client (pre-flight checks off: the files are not audio);
 * - fetch: plain fetch with FormData and fs.openAsBlob.
 */
export function uploaders(baseURL) {
  const client = new MiniMaxFiles({ apiKey, baseURL, preflight: false, maxRetries: 0 });
  return {
    async curl(file) {
      const { stdout } = await run("curl", ["-sS", "-o", "/dev/null", "-w", "%{time_total}", "-H", `Authorization: Bearer ${apiKey}`, "-F", "purpose=voice_clone", "-F", `file=@${file}`, baseURL + path]);
      return Number(stdout) * 1000;
    },
    async curlProcess(file) {
      const start = performance.now();
      await run("curl", ["-sS", "-o", "/dev/null", "-H", `Authorization: Bearer ${apiKey}`, "-F", "purpose=voice_clone", "-F", `file=@${file}`, baseURL + path]);
      return performance.now() - start;
    },
    async core(file) {
      const start = performance.now();
      await client.upload({ file, purpose: "voice_clone" });
      return performance.now() - start;
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
