import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

let launcher;

/**
 * Runs `file` with `args` in the bench's launcher process (`launcher-process.mjs`, started on the
 * first call and kept while commands run), not in this one: a fork here would make this process
 * pay a page fault for every page it writes afterwards, which the tool measured next would be
 * charged. Resolves with the command's `stdout`, `stderr` and `ms` (its wall time from spawn to
 * exit, measured in the launcher); rejects as `execFile` would.
 */
export function launch(file, args) {
  launcher ??= startLauncher();
  return launcher.run(file, args);
}

function startLauncher() {
  const child = spawn(process.execPath, [fileURLToPath(new URL("../launcher-process.mjs", import.meta.url))], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const waiting = new Map();
  let nextId = 0;
  // Held only while a command runs, so the bench exits when it is done without stopping it.
  const hold = (held) => {
    for (const handle of [child, child.stdin, child.stdout]) held ? handle.ref() : handle.unref();
  };
  hold(false);
  createInterface({ input: child.stdout }).on("line", (line) => {
    const { id, error, ...answer } = JSON.parse(line);
    const { resolve, reject } = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) hold(false);
    if (error) reject(new Error(error));
    else resolve(answer);
  });
  child.once("exit", (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`the bench's launcher exited (${code})`));
    waiting.clear();
    launcher = undefined;
  });
  return {
    run: (file, args) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        if (waiting.size === 0) hold(true);
        waiting.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ id, file, args })}\n`);
      }),
  };
}
