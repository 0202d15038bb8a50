import { fileURLToPath } from "node:url";
import { timeCommand } from "./processes.mjs";
import { summarize } from "./stats.mjs";

const cli = fileURLToPath(new URL("../../apps/cli/bin/minimax-files.js", import.meta.url));

/** Wall time of `minimax-files --version` against `node -e 0`, interleaved. */
export async function measureColdStart(runs) {
  const node = [];
  const minimax = [];
  await timeCommand(process.execPath, [cli, "--version"]); // warm the file cache
  for (let i = 0; i < runs; i++) {
    node.push(await timeCommand(process.execPath, ["-e", "0"]));
    minimax.push(await timeCommand(process.execPath, [cli, "--version"]));
  }
  const nodeTime = summarize(node);
  const cliTime = summarize(minimax);
  return { node: nodeTime, cli: cliTime, ratio: cliTime.median / nodeTime.median };
}
