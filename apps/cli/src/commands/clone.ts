/**
 * `minimax-files clone <recording> --voice-id ID`: from a recording (and an optional prompt clip
 * and its transcript) to a cloned voice in one command, with core's `voice.clone`: every check
 * first (both files, the voice id's rules, the transcript's punctuation), then the uploads and the
 * clone. Steps on stderr on a terminal; one JSON object on stdout; the voice id and what to do next.
 * @module
 */
import type { CloneModel, CloneStep } from "@minimax-files/core";
import { type Command, Option } from "commander";
import { exitCodes } from "../exit-codes.js";
import { UsageError } from "../usage-error.js";
import type { CommandContext } from "./command-context.js";
import { addConnectionOptions, type ConnectionOptions, clientFor, requestOptionsFor } from "./connection.js";
import { seconds } from "./flag-parsers.js";
import { describeFailure } from "./upload.js";

/** The options of `clone`, as commander parsed them. */
interface CloneCommandOptions extends ConnectionOptions {
  voiceId?: string;
  promptAudio?: string;
  promptText?: string;
  preview?: string;
  model?: CloneModel;
  output?: string;
  noiseReduction: boolean;
  normalize: boolean;
  languageBoost?: string;
  convert: boolean;
  trimTo?: number;
}

const stepWords: Record<CloneStep, string> = {
  checking: "checking the audio (nothing is sent before both files pass)",
  "uploading recording": "uploading the recording (voice_clone)",
  "uploading prompt": "uploading the prompt clip (prompt_audio)",
  cloning: "cloning the voice",
};

/** Declares `clone` and its flags on `program`. */
export function registerCloneCommand(program: Command, context: CommandContext): void {
  const { facts, setExitCode } = context;
  const command = program
    .command("clone")
    .description("Clone a voice from a recording (10 s to 5 min), in one step: checks, uploads, clone.")
    .argument("<recording>", "the recording: mp3, wav or m4a")
    .option("--voice-id <id>", `the voice id to create: ${facts.voiceIdRules} (default: a unique one)`)
    .option("--prompt-audio <clip>", "a short clip of the same speaker (under 8 s) that improves similarity")
    .option("--prompt-text <text>", "what is said in --prompt-audio, ending in punctuation")
    .option("--preview <text>", "text read in the new voice (billed; at most 1000 characters); needs --model")
    .addOption(new Option("--model <model>", "the model that reads --preview").choices(facts.cloneModels))
    .option("-o, --output <path>", "write the preview's audio here (with --preview)")
    .option("--language-boost <language>", "MiniMax's language_boost, e.g. English or auto")
    .option("--noise-reduction", "ask MiniMax to reduce noise in the recording", false)
    .option("--normalize", "ask MiniMax to normalize the recording's volume", false)
    .option("--convert", "convert audio MiniMax does not take (both files) to WAV with ffmpeg", false)
    .option("--trim-to <seconds>", "cut audio longer than this (both files) with ffmpeg", seconds("--trim-to"))
    .addHelpText(
      "after",
      "\nExit codes: 0 cloned, 1 MiniMax refused or could not be reached, 2 bad usage or input (nothing sent), 130 interrupted.",
    )
    .action(async (recording: string, options: CloneCommandOptions) => setExitCode(await clone(recording, options, context)));
  addConnectionOptions(command, facts);
}

async function clone(recording: string, options: CloneCommandOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  if ((options.promptAudio === undefined) !== (options.promptText === undefined))
    throw new UsageError("--prompt-audio and --prompt-text go together: the clip and what is said in it");
  if (options.output !== undefined && options.preview === undefined) throw new UsageError("-o writes the preview: it needs --preview");
  const [core, { resolve }] = await Promise.all([context.core(), import("node:path")]);
  const client = clientFor(options, io, core);
  const onTerminal = io.stderrIsTTY && !io.env["CI"];
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort(new Error("interrupted")));
  try {
    const voice = await client.voice.clone(
      {
        file: resolve(recording),
        voiceId: options.voiceId,
        prompt: options.promptAudio ? { file: resolve(options.promptAudio), text: options.promptText! } : undefined,
        preview: options.preview === undefined ? undefined : { text: options.preview, model: options.model! },
        languageBoost: options.languageBoost,
        noiseReduction: options.noiseReduction || undefined,
        volumeNormalization: options.normalize || undefined,
      },
      {
        ...requestOptionsFor(options),
        convert: options.convert,
        trimTo: options.trimTo,
        signal: controller.signal,
        onStep: (step) => onTerminal && io.stderr(`• ${stepWords[step]}\n`),
      },
    );
    const preview = options.output && voice.previewURL ? await client.voice.downloadPreview(voice, resolve(options.output)) : undefined;
    io.stdout(
      `${JSON.stringify({
        voice_id: voice.voiceId,
        file_id: voice.fileId,
        prompt_file_id: voice.promptFileId ?? null,
        preview_url: voice.previewURL ?? null,
        preview_path: preview?.path ?? null,
        trace_id: voice.traceId ?? null,
        ...(voice.clonedByEarlierAttempt ? { cloned_by_earlier_attempt: true } : {}),
      })}\n`,
    );
    if (onTerminal)
      io.stderr(
        `Cloned ${voice.voiceId}. Next: use voice_id "${voice.voiceId}" in text-to-speech; MiniMax deletes a cloned voice ` +
          "not used within 7 days, and charges for it at its first use.\n",
      );
    return exitCodes.ok;
  } catch (error) {
    if (controller.signal.aborted) {
      io.stderr("minimax-files: interrupted\n");
      return exitCodes.interrupted;
    }
    if (error instanceof core.InvalidInputError) throw error;
    io.stderr(`minimax-files: ${describeFailure(error, client, core)}\n`);
    return exitCodes.failed;
  } finally {
    stopListening();
  }
}
