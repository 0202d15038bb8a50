import type { Purpose } from "@minimax-files/core";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { inCliTerms } from "./cli-messages.js";
import { exitCodes } from "./exit-codes.js";
import { processIO, type CliIO } from "./io.js";

interface UploadOptions {
  purpose: Purpose;
  filename?: string;
  contentType?: string;
  baseUrl?: string;
  header: string[];
  preflight: boolean;
  maxRetries?: number;
  timeout?: number;
}

/**
 * Runs `minimax-files` with the given arguments (without `node` and the script path) and
 * returns the exit code. Never calls `process.exit`.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command("minimax-files")
    .description("Upload voice-cloning audio to MiniMax (POST /minimax/v1/files/upload).")
    .version(packageJson.version, "-v, --version")
    .showHelpAfterError("(run minimax-files --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("upload")
    .description("Upload one audio file and print what MiniMax stored, as JSON.")
    .argument("<file>", "path of the audio file (mp3, m4a or wav)")
    .addOption(
      new Option("-p, --purpose <purpose>", "what the audio is for").choices(["voice_clone", "prompt_audio"]).default("voice_clone"),
    )
    .option("--filename <name>", "filename to send (default: the file's own name)")
    .option("--content-type <type>", "content type of the file part (default: from the file's bytes: audio/mpeg, audio/wav or audio/mp4; the name is never used)")
    .option("--base-url <url>", "where the endpoint lives (default: $MINIMAX_BASE_URL)")
    .option("-H, --header <header>", "extra request header 'Name: value' (repeatable)", collect, [])
    .option("--no-preflight", "skip the audio checks done before sending (format from the bytes, 20 MB, duration per purpose)")
    .option("--max-retries <count>", "retries after a retryable failure (default: 2)", wholeNumber("--max-retries"))
    .option("--timeout <ms>", "time each attempt may take, in milliseconds (default: 600000)", wholeNumber("--timeout"))
    .addHelpText(
      "after",
      "\nEnvironment:\n  MINIMAX_API_KEY   API key sent as a bearer token (required)\n  MINIMAX_BASE_URL  default for --base-url\n\nExample:\n  MINIMAX_API_KEY=... minimax-files upload voice.wav --purpose voice_clone",
    )
    .action(async (file: string, options: UploadOptions) => {
      // Loaded here, not up front, so `--version` and `--help` start as fast as Node itself.
      const { MiniMaxFiles } = await import("@minimax-files/core");
      const client = new MiniMaxFiles({
        apiKey: io.env["MINIMAX_API_KEY"],
        baseURL: options.baseUrl ?? io.env["MINIMAX_BASE_URL"],
      });
      const uploaded = await client.upload(
        { file, purpose: options.purpose, filename: options.filename, contentType: options.contentType },
        { headers: parseHeaders(options.header), preflight: options.preflight, maxRetries: options.maxRetries, timeout: options.timeout },
      );
      io.stdout(`${JSON.stringify(uploaded, null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    exitCode = await reportError(error, io);
  }
  return exitCode;
}

function wholeNumber(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${option} takes a whole number, got "${value}"`);
    return Number(value);
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new UsageError(`--header "${line}" has no name; expected 'Name: value'`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A mistake on the command line that commander itself cannot see. */
class UsageError extends Error {}

async function reportError(error: unknown, io: CliIO): Promise<number> {
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help / version text).
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  const { InvalidInputError, SourceError } = await import("@minimax-files/core"); // already loaded by the command that failed
  const message = error instanceof InvalidInputError ? inCliTerms(error) : error instanceof Error ? error.message : String(error);
  io.stderr(`minimax-files: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  if (error instanceof UsageError) return exitCodes.usage;
  // A file that changed while it was sent is a failed upload (bytes went out), not bad usage.
  if (error instanceof SourceError) return exitCodes.failed;
  return error instanceof InvalidInputError ? exitCodes.usage : exitCodes.failed;
}
