import { fileURLToPath } from "node:url";
import { timeCommand } from "./processes.mjs";
import { summarize } from "./stats.mjs";

const cli = fileURLToPath(new URL("../../apps/cli/bin/minimax-files.cjs", import.meta.url));

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

/** Every command the CLI has, each started as a user would first meet it: asking for its help. */
export const cliCommands = [
  ["--help"],
  ["upload", "--help"],
  ["check", "--help"],
  ["files", "list", "--help"],
  ["files", "get", "--help"],
  ["files", "download", "--help"],
  ["files", "delete", "--help"],
  ["clone", "--help"],
];

/**
 * The same help, asked of the program itself (`help <command>`, which the starter does not answer
 * from the help kept at build): what starting the bundle, commander and the commands costs.
 */
export const cliCommandsThroughProgram = cliCommands.map((args) => {
  const path = args.slice(0, -1);
  // commander's help command is the parent's: `files help list` for `files list`.
  return [...path.slice(0, -1), "help", ...path.slice(-1)];
});

/** Wall time of each of `commands` (arguments to the CLI) against `node -e 0`, interleaved round by round. */
export async function measureCommandColdStarts(runs, commands = cliCommands) {
  const node = [];
  const times = commands.map(() => []);
  for (const args of commands) await timeCommand(process.execPath, [cli, ...args]); // warm the file cache
  for (let i = 0; i < runs; i++) {
    node.push(await timeCommand(process.execPath, ["-e", "0"]));
    for (const [index, args] of commands.entries()) times[index].push(await timeCommand(process.execPath, [cli, ...args]));
  }
  const nodeTime = summarize(node);
  return commands.map((args, index) => {
    const time = summarize(times[index]);
    return { command: args.join(" "), ms: time, ratio: time.median / nodeTime.median, nodeMs: nodeTime.median };
  });
}
