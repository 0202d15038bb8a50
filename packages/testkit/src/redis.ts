import { spawn } from "node:child_process";
import { findFreePort, stopProcess } from "@minimax-files/mock";
import { startupBudgetMs } from "./startup-budgets.js";

/** A real `redis-server` started for a test. */
export interface RedisServer {
  /** e.g. `redis://127.0.0.1:6390`. */
  url: string;
  port: number;
  /** Stops it (SIGTERM, then SIGKILL after 5 s); resolves once it exited. */
  stop(): Promise<void>;
}

/** Where Debian's `redis-server` package puts the binary; `REDIS_SERVER` overrides it. */
const binary = process.env["REDIS_SERVER"] ?? "redis-server";

/**
 * Starts a real `redis-server` (Debian's package) on a free port of 127.0.0.1 (or `port`, to
 * bring one back where it was), with nothing persisted, and resolves once it accepts connections. Rejects, naming the package, when the
 * binary is missing.
 */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  const port = options.port ?? (await findFreePort());
  const child = spawn(
    binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`redis-server did not start within ${startupBudgetMs.redis} ms:\n${output}`)),
      startupBudgetMs.redis,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    child.once("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "ENOENT" ? new Error("redis-server is not installed (Debian: apt-get install redis-server)") : error),
    );
    const onExit = (code: number | null) => fail(new Error(`redis-server exited with ${code}:\n${output}`));
    child.once("exit", onExit);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve();
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  });
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopProcess(child) };
}
