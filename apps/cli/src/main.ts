import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { inCliTerms } from "./cli-messages.js";
import { type CheckCommandOptions, checkCommand } from "./commands/check.js";
import { registerFilesCommands } from "./commands/files.js";
import { type UploadCommandOptions, uploadCommand } from "./commands/upload.js";
import { type Core, loadCore } from "./core.js";
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
  const core = await loadCore();
  let exitCode: number = exitCodes.ok;
  const program = buildProgram(core, io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    exitCode = reportError(error, io, core);
  }
  return exitCode;
}

/** The commands; purposes, their rules, formats and regions all come from core (and so from the spec). */
function buildProgram(core: Core, io: CliIO, setExitCode: (code: number) => void): Command {
  const purposes = core.purposeSchema.options;
  const purposeHelp = purposes.map((purpose) => core.describePurposeRule(purpose)).join("; ");
  const formats = Object.keys(core.contentTypeByFormat).join(", ");
  const purposeOption = () =>
    new Option("-p, --purpose <purpose>", `what the audio is for (${purposeHelp})`).choices(purposes).default("voice_clone");
  const program = new Command("minimax-files")
    .description("Upload voice-cloning audio to MiniMax, and list, download and delete what it stores.")
    .version(packageJson.version, "-v, --version")
    .showHelpAfterError("(run minimax-files --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("upload")
    .description(
      "Upload audio files and print what MiniMax stored: one JSON object for one file, one JSON line per file (as each finishes) for " +
        "several.",
    )
    .argument("<files...>", `audio files (${formats}); directories with --recursive`)
    .addOption(purposeOption())
    .option("--filename <name>", "filename to send, for one file (default: the file's own name)")
    .option(
      "--content-type <type>",
      "content type of the file part, for one file (default: from the file's bytes: audio/mpeg, audio/wav or audio/mp4; the name is " +
        "never used)",
    )
    .option("--base-url <url>", "where the endpoint lives (default: $MINIMAX_BASE_URL, else the region's host)")
    .addOption(
      new Option("--region <region>", "MiniMax's host to use when no base URL is given (default: $MINIMAX_REGION, else global)").choices(
        Object.keys(core.regionBaseURLs),
      ),
    )
    .option("-H, --header <header>", "extra request header 'Name: value' (repeatable)", collect, [])
    .option("--no-preflight", "skip the audio checks done before sending (format from the bytes, 20 MB, duration per purpose)")
    .option("--convert", "convert audio MiniMax does not take (FLAC, Ogg, Opus, WebM, …) to WAV, or MP3 above 20 MB, with ffmpeg", false)
    .option(
      "--trim-to <seconds>",
      "cut audio longer than this (e.g. 300 for voice_clone) with ffmpeg; too-short audio is still refused",
      seconds("--trim-to"),
    )
    .option("--max-retries <count>", "retries of one file after a retryable failure (default: 2)", wholeNumber("--max-retries"))
    .option("--timeout <ms>", "time each attempt may take, in milliseconds (default: 600000)", wholeNumber("--timeout"))
    .option("-r, --recursive", "upload the audio files in directories, and in theirs", false)
    .option("-c, --concurrency <count>", "files uploaded at once", positive("--concurrency"), 4)
    .option(
      "--rate <per-minute>",
      "uploads started per minute at most (MiniMax allows about 60); a rate-limit answer pauses the whole batch",
      positive("--rate"),
      60,
    )
    .option(
      "--manifest <file.jsonl>",
      "record each uploaded file (path, size, sha-256, purpose, file_id, trace id, time) and skip files already in it with the same " +
        "content and purpose",
    )
    .option("-q, --quiet", "print only the file ids (failures still go to stderr)", false)
    .option("--no-progress", "draw no progress bars (they are drawn only when stderr is a terminal and CI is unset)")
    .addHelpText(
      "after",
      [
        "",
        "Environment:",
        "  MINIMAX_API_KEY   API key sent as a bearer token (required)",
        "  MINIMAX_BASE_URL  default for --base-url",
        "  MINIMAX_REGION    default for --region",
        "",
        "Examples:",
        "  minimax-files upload voice.wav",
        "  minimax-files upload clips/*.wav --manifest uploads.jsonl > results.ndjson",
        "  minimax-files upload --recursive recordings/ --purpose prompt_audio --quiet",
        "",
        "Exit codes: 0 ok, 1 upload failed, 2 bad usage or input, 4 some files of a batch failed, 130 interrupted.",
      ].join("\n"),
    )
    .action(async (files: string[], options: UploadCommandOptions) => setExitCode(await uploadCommand(files, options, io, core)));

  program
    .command("check")
    .description("Run the pre-flight checks only (format, duration, size; a verdict per purpose); nothing is sent.")
    .argument("<files...>", `audio files (${formats}); directories with --recursive`)
    .addOption(purposeOption())
    .option("-r, --recursive", "check the audio files in directories, and in theirs", false)
    .option("--json", "one JSON line per file even on a terminal")
    .addHelpText(
      "after",
      "\nA table on a terminal, one JSON line per file otherwise.\nExit codes: 0 every file passes for --purpose, 3 at least one would " +
        "be refused, 2 bad usage.",
    )
    .action(async (files: string[], options: CheckCommandOptions) => setExitCode(await checkCommand(files, options, io, core)));

  registerFilesCommands(program, { core, io, setExitCode });
  return program;
}

function wholeNumber(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${option} takes a whole number, got "${value}"`);
    return Number(value);
  };
}

function seconds(option: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || parsed <= 0)
      throw new InvalidArgumentError(`${option} takes a number of seconds above 0, got "${value}"`);
    return parsed;
  };
}

function positive(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${option} takes a whole number ≥ 1, got "${value}"`);
    return Number(value);
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function reportError(error: unknown, io: CliIO, core: Core): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help / version text).
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  const message = error instanceof core.InvalidInputError ? inCliTerms(error) : error instanceof Error ? error.message : String(error);
  io.stderr(`minimax-files: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  if (error instanceof UsageError) return exitCodes.usage;
  if (error instanceof core.SourceError) return exitCodes.failed;
  return error instanceof core.InvalidInputError ? exitCodes.usage : exitCodes.failed;
}
