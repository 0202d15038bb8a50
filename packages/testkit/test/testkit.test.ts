import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { assertMatchesSpec, makeWav, startEchoServer, startNodeProcess, startPrism } from "../src/index.js";

describe("makeWav", () => {
  test("writes a valid 16-bit PCM RIFF/WAVE header for the requested length", () => {
    const wav = makeWav({ seconds: 12, sampleRate: 16_000, channels: 1 });
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    const ascii = (offset: number) => String.fromCharCode(...wav.subarray(offset, offset + 4));
    expect([ascii(0), ascii(8), ascii(12), ascii(36)]).toEqual(["RIFF", "WAVE", "fmt ", "data"]);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(16_000);
    const dataBytes = view.getUint32(40, true);
    expect(dataBytes).toBe(12 * 16_000 * 2);
    expect(dataBytes / view.getUint32(28, true)).toBe(12); // duration = data / byte rate
  });

  test("stereo clips hold two 16-bit samples per frame", () => {
    const wav = makeWav({ seconds: 1, channels: 2, sampleRate: 8_000 });
    expect(wav.length).toBe(44 + 8_000 * 2 * 2);
  });
});

describe("assertMatchesSpec", () => {
  test("accepts the documented bodies", () => {
    expect(() => assertMatchesSpec(200, { file: { file_id: "1" }, base_resp: { status_code: 0, status_msg: "ok" } })).not.toThrow();
    expect(() => assertMatchesSpec(401, { base_resp: { status_code: 1004, status_msg: "no" } })).not.toThrow();
  });

  test("rejects a body of the wrong shape, naming the problem", () => {
    expect(() => assertMatchesSpec(200, { file: { file_id: true } })).toThrow(/base_resp/);
    expect(() => assertMatchesSpec(200, { file: { file_id: true }, base_resp: { status_code: 0, status_msg: "" } })).toThrow(/file_id/);
  });

  test("rejects a status the spec does not document", () => {
    expect(() => assertMatchesSpec(418, {})).toThrow(/418/);
  });
});

describe("startEchoServer", () => {
  test("records the fields and file bytes of a multipart upload", async () => {
    const echo = await startEchoServer();
    try {
      const form = new FormData();
      form.append("purpose", "prompt_audio");
      form.append("file", new File([new Uint8Array([0, 255, 7])], "x.wav", { type: "audio/wav" }));
      const response = await fetch(`${echo.url}/up`, { method: "POST", body: form });
      expect(response.status).toBe(200);
      expect(echo.uploads).toHaveLength(1);
      expect(echo.uploads[0]).toMatchObject({ method: "POST", path: "/up", fields: { purpose: "prompt_audio" } });
      expect(echo.uploads[0]!.files[0]).toMatchObject({ field: "file", filename: "x.wav", contentType: "audio/wav" });
      expect([...echo.uploads[0]!.files[0]!.bytes]).toEqual([0, 255, 7]);
    } finally {
      await echo.close();
    }
  });
});

describe("startPrism", () => {
  test("serves the spec on 127.0.0.1 and frees the port once stopped", async () => {
    const prism = await startPrism();
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${prism.url}/minimax/v1/files/upload`, { method: "POST" });
    expect(response.status).toBe(401); // no bearer token: the spec's own 401
    await prism.stop();
    await expect(fetch(`${prism.url}/minimax/v1/files/upload`, { method: "POST" })).rejects.toThrow();
  });

  test("fails clearly when the spec cannot be read", async () => {
    await expect(startPrism({ spec: "/no/such/spec.yaml", readyTimeoutMs: 15_000 })).rejects.toThrow(/Prism/);
  });
});

describe("startNodeProcess", () => {
  test("resolves with the ready line's match, passes env, and stops the process", async () => {
    const dir = await mkdtemp(join(tmpdir(), "minimax-files-proc-"));
    try {
      const script = join(dir, "ready.mjs");
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the script's own template literal
      await writeFile(script, "console.log(`ready on ${process.env.GREETING}`); setInterval(() => {}, 1000);");
      const started = await startNodeProcess(script, [], { GREETING: "port-42" }, /ready on (\S+)/);
      expect(started.match[1]).toBe("port-42");
      await started.stop();
      expect(started.child.exitCode !== null || started.child.signalCode !== null).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("passes nodeArgs to Node, before the script and its arguments", async () => {
    const dir = await mkdtemp(join(tmpdir(), "minimax-files-proc-"));
    try {
      const script = join(dir, "flags.mjs");
      await writeFile(
        script,
        "console.log('ready ' + JSON.stringify([process.execArgv, process.argv.slice(2)])); setInterval(() => {}, 1000);",
      );
      const started = await startNodeProcess(script, ["--port", "0"], {}, /ready (.+)/, undefined, ["--trace-gc", "--no-warnings"]);
      expect(JSON.parse(started.match[1] ?? "")).toEqual([
        ["--trace-gc", "--no-warnings"],
        ["--port", "0"],
      ]);
      await started.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("rejects with the script's output when it exits before it is ready", async () => {
    const dir = await mkdtemp(join(tmpdir(), "minimax-files-proc-"));
    try {
      const script = join(dir, "crash.mjs");
      await writeFile(script, "console.error('bad config'); process.exit(3);");
      await expect(startNodeProcess(script, [], {}, /ready/)).rejects.toThrow(/exited \(3\) before it was ready:\s+bad config/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
