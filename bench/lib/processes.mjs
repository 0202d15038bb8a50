import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

export const run = promisify(execFile);

/** Starts a Node script and resolves with the first stdout match of `ready`, and a stop(). */
export function startProcess(script, args, env, ready) {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) {
        child.stdout.off("data", onData);
        resolve({ match, stop: () => new Promise((done) => (child.once("exit", done), child.kill("SIGTERM"))) });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)));
  });
}

/** Wall time of one command, in ms. */
export async function timeCommand(file, args) {
  const start = performance.now();
  await run(file, args);
  return performance.now() - start;
}
