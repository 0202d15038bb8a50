import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { findFreePort } from "./free-port.js";
import { bundledSpecPath } from "./spec-file.js";
import { stopProcess } from "./stop-process.js";

/** Options of {@link startMock}. */
export interface StartMockOptions {
  /** The OpenAPI document to mock. Defaults to the spec bundled with this package. */
  spec?: string;
  /** How long to wait for the mock to answer, in milliseconds. Defaults to 30000. */
  readyTimeoutMs?: number;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops the server and waits for its process to end. Safe to call twice. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const prismEntry = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

/**
 * Starts a Prism mock of the upload endpoint on 127.0.0.1 with a free port, and resolves once it
 * answers HTTP. Prism validates every request against the spec and answers invalid ones with the
 * spec's own 401/422 responses (`--errors`); ask for any documented outcome with
 * {@link exampleHeaders}. Prism does not check a file part's bytes: use
 * {@link startRecordingMock} for that.
 *
 * @example
 * ```ts
 * const mock = await startMock();
 * const client = new MiniMaxFiles({ apiKey: "test", baseURL: mock.url });
 * await client.upload({ file: "voice.wav" });
 * await mock.stop();
 * ```
 */
export async function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  const attempts = 3; // the free port can be taken between finding it and Prism binding it
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await findFreePort();
    try {
      return await launch(port, options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw lastError;
}

class PortTakenError extends Error {}

async function launch(port: number, options: StartMockOptions): Promise<MockServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [prismEntry, "mock", "--host", "127.0.0.1", "--port", String(port), "--errors", options.spec ?? bundledSpecPath],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = () => stopProcess(child);
  try {
    await waitUntilAnswering(url, child, options.readyTimeoutMs ?? 30_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = output();
      if (log.includes("EADDRINUSE")) throw new PortTakenError(`port of ${url} was taken`);
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${log}`);
    }
    try {
      await fetch(`${url}/__prism_ready`, { signal: AbortSignal.timeout(1_000) });
      return; // any HTTP answer (a 404 here) means it is serving
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}
