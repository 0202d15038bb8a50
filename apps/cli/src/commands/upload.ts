/**
 * `minimax-files upload <files...>`: one file prints what MiniMax stored as one JSON object; a
 * batch prints one JSON line per file as each finishes (NDJSON), with bounded concurrency, a
 * start rate under MiniMax's limit, a pause of the whole batch on a rate-limit answer, an
 * optional manifest to resume from, progress on a terminal, and Ctrl-C that leaves the manifest
 * valid.
 * @module
 */
import type { MiniMaxFiles, MiniMaxFilesError, Purpose, UploadedFile } from "@minimax-files/core";
import type { Command } from "commander";
import { StartGate } from "../batch/start-gate.js";
import { inCliTerms } from "../cli-messages.js";
import type { Core } from "../core.js";
import { exitCodes } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { progressDisplay } from "../progress-display.js";
import { regionAdvice } from "../region-advice.js";
import { UsageError } from "../usage-error.js";
import type { CommandContext } from "./command-context.js";
import { addConnectionOptions, type ConnectionOptions, clientFor, parseHeaders } from "./connection.js";
import { positive, seconds } from "./flag-parsers.js";

/** The options of `upload`, as commander parsed them. */
export interface UploadCommandOptions extends ConnectionOptions {
  purpose: Purpose;
  filename?: string;
  contentType?: string;
  preflight: boolean;
  convert: boolean;
  trimTo?: number;
  recursive: boolean;
  concurrency: number;
  rate: number;
  manifest?: string;
  quiet: boolean;
  progress: boolean;
}

/** Times a file is put back in the queue after a rate-limit answer before it counts as failed. */
const maxRequeues = 5;
/** The batch's pause after a rate-limit answer without `Retry-After`; doubles each time. */
const firstPauseMs = 20_000;

type Outcome =
  | { kind: "uploaded"; file: UploadedFile; traceId: string | undefined }
  | { kind: "skipped"; fileId: string }
  | { kind: "failed"; error: unknown }
  | { kind: "rate-limited"; error: MiniMaxFilesError & { retryAfter?: string | undefined } }
  | { kind: "interrupted" };

/** Declares `upload` and its flags on `program`. */
export function registerUploadCommand(program: Command, context: CommandContext): void {
  const { facts, io, setExitCode, purposeOption } = context;
  const formats = facts.formats.join(", ");
  const command = program
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
    .option("--no-preflight", "skip the audio checks done before sending (format from the bytes, 20 MB, duration per purpose)")
    .option("--convert", "convert audio MiniMax does not take (FLAC, Ogg, Opus, WebM, …) to WAV, or MP3 above 20 MB, with ffmpeg", false)
    .option(
      "--trim-to <seconds>",
      "cut audio longer than this (e.g. 300 for voice_clone) with ffmpeg; too-short audio is still refused",
      seconds("--trim-to"),
    )
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
    .action(async (files: string[], options: UploadCommandOptions) =>
      setExitCode(await uploadCommand(files, options, io, await context.core())),
    );
  addConnectionOptions(command, facts);
}

/** Runs the command; returns the exit code. */
export async function uploadCommand(args: string[], options: UploadCommandOptions, io: CliIO, core: Core): Promise<number> {
  // Loaded when the command runs, not for its --help (so are Node's modules they use).
  const [{ collectFiles }, { hashFile, Manifest }, { stat }, { basename }] = await Promise.all([
    import("../batch/files.js"),
    import("../batch/manifest.js"),
    import("node:fs/promises"),
    import("node:path"),
  ]);
  const { files, single } = await collectFiles(args, options.recursive, Object.keys(core.contentTypeByFormat));
  if (files.length === 0)
    throw new UsageError(
      `no audio files (${Object.keys(core.contentTypeByFormat)
        .map((format) => `.${format}`)
        .join(", ")}) in ${args.join(", ")}`,
    );
  if (!single && (options.filename !== undefined || options.contentType !== undefined))
    throw new UsageError("--filename and --content-type apply to one file only");
  const client = clientFor(options, io, core);
  const headers = parseHeaders(options.header);
  const manifest = options.manifest === undefined ? undefined : await Manifest.open(options.manifest);
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => {
    if (controller.signal.aborted) process.exit(exitCodes.interrupted); // a second Ctrl-C: out at once
    controller.abort(new Error("interrupted"));
  });
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  const display = await progressDisplay(
    io,
    options.progress,
    sizes.reduce((sum, size) => sum + size, 0),
  );
  const counts = { uploaded: 0, skipped: 0, failed: 0, interrupted: 0 };
  let lastFailure: unknown;

  const run = async (file: string, size: number): Promise<Outcome> => {
    const digest = manifest ? await hashFile(file) : undefined;
    const known = digest && manifest?.find(digest.sha256, options.purpose);
    if (known) {
      display.discount(size);
      return { kind: "skipped", fileId: known.file_id };
    }
    const progress = display.file(basename(file), size);
    try {
      const result = await client.uploadWithResponse(
        { file, purpose: options.purpose, filename: options.filename, contentType: options.contentType },
        {
          headers,
          preflight: options.preflight,
          convert: options.convert,
          trimTo: options.trimTo,
          maxRetries: options.maxRetries,
          timeout: options.timeout,
          signal: controller.signal,
          onProgress: ({ loaded }) => progress.update(loaded),
        },
      );
      if (manifest && digest) {
        await manifest.append({
          path: file,
          size: digest.size,
          sha256: digest.sha256,
          purpose: options.purpose,
          file_id: result.file.file_id,
          trace_id: result.traceId,
          uploaded_at: new Date().toISOString(),
        });
      }
      return { kind: "uploaded", file: result.file, traceId: result.traceId };
    } catch (error) {
      if (controller.signal.aborted) return { kind: "interrupted" };
      if (error instanceof core.RateLimitError && !single) return { kind: "rate-limited", error };
      display.discount(size);
      return { kind: "failed", error };
    } finally {
      progress.done();
    }
  };

  const report = (file: string, outcome: Outcome) => {
    if (outcome.kind === "uploaded" || outcome.kind === "skipped") {
      counts[outcome.kind]++;
      const fileId = outcome.kind === "uploaded" ? outcome.file.file_id : outcome.fileId;
      if (options.quiet) io.stdout(`${fileId}\n`);
      else if (single)
        io.stdout(`${JSON.stringify(outcome.kind === "uploaded" ? outcome.file : { file_id: fileId, skipped: true }, null, 2)}\n`);
      else {
        const detail = outcome.kind === "uploaded" ? { trace_id: outcome.traceId } : { skipped: true };
        io.stdout(`${JSON.stringify({ path: file, ok: true, file_id: fileId, ...detail })}\n`);
      }
    } else if (outcome.kind === "failed") {
      counts.failed++;
      lastFailure = outcome.error;
      if (single) return;
      const message = describeFailure(outcome.error, client, core);
      io.stdout(`${JSON.stringify({ path: file, ok: false, error: errorFields(outcome.error, message) })}\n`);
      if (options.quiet) io.stderr(`minimax-files: ${file}: ${message}\n`);
    } else if (outcome.kind === "interrupted") counts.interrupted++;
  };

  try {
    await runBatch(
      files.map((file, index) => ({ file, size: sizes[index]! })),
      {
        concurrency: single ? 1 : options.concurrency,
        gate: new StartGate(options.rate),
        signal: controller.signal,
        run,
        report,
        onRateLimited: (pauseMs) => {
          if (!options.quiet)
            io.stderr(`minimax-files: MiniMax answered 1002 (rate limit): pausing the batch for ${Math.round(pauseMs / 1000)} s\n`);
        },
      },
    );
  } finally {
    display.stop();
    stopListening();
    await manifest?.close();
  }

  const notStarted = files.length - counts.uploaded - counts.skipped - counts.failed - counts.interrupted;
  if (controller.signal.aborted) {
    const resume = manifest ? `; rerun with --manifest ${options.manifest} to upload the rest` : "";
    io.stderr(
      `minimax-files: interrupted: ${counts.uploaded} uploaded, ${counts.interrupted} aborted, ${notStarted} not started${resume}\n`,
    );
    return exitCodes.interrupted;
  }
  if (single && lastFailure !== undefined) {
    io.stderr(`minimax-files: ${describeFailure(lastFailure, client, core)}\n`);
    // Refused before anything was sent (bad input, pre-flight): 2. A file that changed while it was sent is a failed upload.
    return lastFailure instanceof core.InvalidInputError && !(lastFailure instanceof core.SourceError) ? exitCodes.usage : exitCodes.failed;
  }
  if (!single && !options.quiet) {
    const skipped = counts.skipped ? `, ${counts.skipped} skipped (already in ${options.manifest})` : "";
    io.stderr(`minimax-files: ${counts.uploaded} uploaded${skipped}, ${counts.failed} failed\n`);
  }
  if (counts.failed === 0) return exitCodes.ok;
  return counts.uploaded + counts.skipped > 0 ? exitCodes.partial : exitCodes.failed;
}

interface BatchItem {
  file: string;
  size: number;
}

/**
 * Runs `run` over the items, `concurrency` at a time, each start let through by the gate; a
 * rate-limited file goes back in the queue (up to 5 times) and pauses every start (the answer's
 * `Retry-After`, else 20 s doubling). Stops starting when `signal` aborts.
 */
async function runBatch(
  items: BatchItem[],
  options: {
    concurrency: number;
    gate: StartGate;
    signal: AbortSignal;
    run: (file: string, size: number) => Promise<Outcome>;
    report: (file: string, outcome: Outcome) => void;
    onRateLimited: (pauseMs: number) => void;
  },
): Promise<void> {
  const queue = items.map((item) => ({ ...item, requeues: 0 }));
  let pauses = 0;
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        await options.gate.next(options.signal);
      } catch {
        return; // interrupted before it started
      }
      const outcome = await options.run(item.file, item.size);
      if (outcome.kind === "rate-limited" && item.requeues < maxRequeues) {
        const asked = Number(outcome.error.retryAfter);
        const pauseMs = Number.isFinite(asked) && asked > 0 ? asked * 1000 : firstPauseMs * 2 ** Math.min(pauses++, 3);
        options.gate.pause(pauseMs);
        options.onRateLimited(pauseMs);
        queue.push({ ...item, requeues: item.requeues + 1 });
        continue;
      }
      options.report(item.file, outcome.kind === "rate-limited" ? { kind: "failed", error: outcome.error } : outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, items.length) }, worker));
}

/** The failure in the CLI's terms, with the next step where there is one. */
export function describeFailure(error: unknown, client: MiniMaxFiles, core: Core): string {
  const message = error instanceof core.InvalidInputError ? inCliTerms(error) : error instanceof Error ? error.message : String(error);
  const advice = error instanceof core.MiniMaxFilesError ? regionAdvice(error, client.baseURL, core) : undefined;
  return `${message.replace(/\s*\n\s*/g, " ")}${advice ? `; ${advice}` : ""}`;
}

function errorFields(error: unknown, message: string): Record<string, unknown> {
  const fields = error as { name?: string; code?: number; httpStatus?: number; traceId?: string; rule?: string };
  return {
    name: fields.name ?? "Error",
    code: fields.code,
    http_status: fields.httpStatus,
    rule: fields.rule,
    message,
    trace_id: fields.traceId,
  };
}
