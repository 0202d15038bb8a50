import { type ChildProcess, spawn } from "node:child_process";
import { stopProcess } from "@minimax-files/mock";
import { startupBudgetMs } from "./startup-budgets.js";

/** A Node script started by {@link startNodeProcess}. */
export interface NodeProcess {
  child: ChildProcess;
  /** The match of the `ready` pattern in its output. */
  match: RegExpMatchArray;
  /** Stops it (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts a Node script with extra environment variables and resolves once its stdout matches
 * `ready` (e.g. a "listening on <url>" line); rejects with its output if it exits or stays
 * silent for `timeoutMs` first. `nodeArgs` go to Node before the script (e.g. `--trace-gc`).
 */
export function startNodeProcess(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs: number = startupBudgetMs.node,
  nodeArgs: readonly string[] = [],
): Promise<NodeProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopProcess(child);
      reject(new Error(`${script} ${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`printed nothing matching ${ready} within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      resolve({ child, match, stop: () => stopProcess(child) });
    };
    const onExit = (code: number | null) => fail(`exited (${code}) before it was ready`);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", onExit);
  });
}
