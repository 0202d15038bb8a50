import { Command, CommanderError, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { inCliTerms } from "./cli-messages.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerCloneCommand } from "./commands/clone.js";
import { registerFilesCommands } from "./commands/files.js";
import { registerUploadCommand } from "./commands/upload.js";
import { type Core, type Facts, loadCore, loadFacts } from "./core.js";
import { exitCodes } from "./exit-codes.js";
import { type CliIO, processIO } from "./io.js";
import { UsageError } from "./usage-error.js";

/**
 * Runs `minimax-files` with the given arguments (without `node` and the script path) and
 * returns the exit code. Never calls `process.exit` (but a second Ctrl-C during a batch exits at once).
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const versionOnly = argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v");
  if (versionOnly) {
    // Answered before core loads, so `--version` starts as fast as Node itself (see bench/).
    io.stdout(`${packageJson.version}\n`);
    return exitCodes.ok;
  }
  // Only what the declarations need loads up front (every --help answers from it); core, with
  // the client, loads once a command runs.
  const facts = await loadFacts();
  let core: Promise<Core> | undefined;
  const loadCoreOnce = () => (core ??= loadCore());
  let exitCode: number = exitCodes.ok;
  const program = buildProgram(facts, loadCoreOnce, io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    // core, if a command loaded it (a failure to load it is the error reported)
    exitCode = reportError(error, io, await core?.catch(() => undefined));
  }
  return exitCode;
}

/** The commands; purposes, their rules, formats and regions all come from core (and so from the spec). */
function buildProgram(facts: Facts, core: () => Promise<Core>, io: CliIO, setExitCode: (code: number) => void): Command {
  const { purposes } = facts;
  const purposeHelp = purposes.map((purpose) => facts.describePurposeRule(purpose)).join("; ");
  const purposeOption = () =>
    new Option("-p, --purpose <purpose>", `what the audio is for (${purposeHelp})`).choices([...purposes]).default("voice_clone");
  const program = new Command("minimax-files")
    .description("Upload voice-cloning audio to MiniMax, clone voices from it, and list, download and delete what it stores.")
    .version(packageJson.version, "-v, --version")
    .showHelpAfterError("(run minimax-files --help for usage)")
    // Help is 80 columns wide on every terminal, so the build can render it once
    // (scripts/help-texts.mjs) and the starter print it without loading the program.
    .configureHelp({ helpWidth: 80 })
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const context = { facts, core, io, setExitCode, purposeOption };
  registerUploadCommand(program, context);
  registerCheckCommand(program, context);
  registerFilesCommands(program, context);
  registerCloneCommand(program, context);
  return program;
}

/** The exit code for `error`, printed; `core` is undefined when the error came before any command ran (so it is none of core's). */
function reportError(error: unknown, io: CliIO, core: Core | undefined): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help / version text).
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  const isInvalidInput = core !== undefined && error instanceof core.InvalidInputError;
  const message = isInvalidInput ? inCliTerms(error) : error instanceof Error ? error.message : String(error);
  io.stderr(`minimax-files: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  if (error instanceof UsageError) return exitCodes.usage;
  if (core && error instanceof core.SourceError) return exitCodes.failed;
  return isInvalidInput ? exitCodes.usage : exitCodes.failed;
}
