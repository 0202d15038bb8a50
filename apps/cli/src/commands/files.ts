/**
 * `minimax-files files list | get | download | delete`: MiniMax's other file operations. On a
 * terminal: tables that fit it, a progress bar for downloads, and a question before deleting
 * (unless `--yes`). In a pipe: JSON (one object) or NDJSON (one line per file), ids exact. Every
 * flag of these commands is declared here.
 * @module
 */
import type { DeletePurpose, ListPurpose, MiniMaxFiles, StoredFile, UploadedFile } from "@minimax-files/core";
import { type Command, Option } from "commander";
import { exitCodes } from "../exit-codes.js";
import { progressDisplay } from "../progress-display.js";
import { renderTable } from "../table.js";
import { UsageError } from "../usage-error.js";
import type { CommandContext } from "./command-context.js";
import { addConnectionOptions, type ConnectionOptions, clientFor, requestOptionsFor } from "./connection.js";
import { describeFailure } from "./upload.js";

/** Declares `files` and its four commands on `program`. */
export function registerFilesCommands(program: Command, context: CommandContext): void {
  const { facts, io, setExitCode } = context;
  const files = program.command("files").description("List, show, download and delete the files MiniMax stores (its File Management API).");
  const run = async (work: () => Promise<number>) => setExitCode(await work());

  addConnectionOptions(
    files
      .command("list")
      .description("List the stored files: a table on a terminal, one JSON line per file otherwise.")
      .addOption(
        new Option("-p, --purpose <purpose>", "list the files of this purpose only (default: every purpose)").choices(facts.listPurposes),
      )
      .option("--json", "one JSON line per file even on a terminal"),
    facts,
  ).action((options: ConnectionOptions & { purpose?: ListPurpose; json?: boolean }) =>
    run(async () => {
      const client = clientFor(options, io, await context.core());
      const purposes = options.purpose ? [options.purpose] : facts.listPurposes;
      const listed: UploadedFile[] = [];
      for (const purpose of purposes) listed.push(...(await client.files.list({ purpose }, requestOptionsFor(options))));
      if (io.stdoutIsTTY && !options.json) {
        if (listed.length === 0) io.stdout(`no files${options.purpose ? ` for ${options.purpose}` : ""}\n`);
        else io.stdout(renderTable(["file_id", "purpose", "filename", "size", "created"], listed.map(tableRow), io.columns));
      } else for (const file of listed) io.stdout(`${JSON.stringify(file)}\n`);
      return exitCodes.ok;
    }),
  );

  addConnectionOptions(
    files
      .command("get")
      .description("Show one file's record (with its download_url when MiniMax offers one): one JSON object.")
      .argument("<file_id>", "the file's id, every digit"),
    facts,
  ).action((fileId: string, options: ConnectionOptions) =>
    run(async () => {
      const client = clientFor(options, io, await context.core());
      const file = await client.files.retrieve(fileId, requestOptionsFor(options));
      if (io.stdoutIsTTY)
        io.stdout(
          `${Object.entries(file)
            .map(([key, value]) => `${key}: ${String(value)}`)
            .join("\n")}\n`,
        );
      else io.stdout(`${JSON.stringify(file)}\n`);
      return exitCodes.ok;
    }),
  );

  addConnectionOptions(
    files
      .command("download")
      .description("Download a file's bytes, atomically: nothing is left at the path if it fails or is interrupted.")
      .argument("<file_id>", "the file's id, every digit")
      .option("-o, --output <path>", "where to write it; - for stdout (default: the file's stored name, in this folder)")
      .option("-f, --force", "replace a file already at the path", false)
      .option("--no-progress", "draw no progress bar (it is drawn only when stderr is a terminal and CI is unset)"),
    facts,
  ).action((fileId: string, options: ConnectionOptions & { output?: string; force: boolean; progress: boolean }) =>
    run(() => download(fileId, options, context)),
  );

  addConnectionOptions(
    files
      .command("delete")
      .description("Delete files. Asks first on a terminal unless --yes; in a pipe --yes is required.")
      .argument("[file_ids...]", "the files' ids, every digit")
      .addOption(new Option("-p, --purpose <purpose>", "the files' purpose (required by MiniMax)").choices(facts.deletePurposes))
      .option("--manifest <file.jsonl>", "also delete every file an upload --manifest recorded (each with its own purpose)")
      .option("-y, --yes", "delete without asking", false)
      .option("--dry-run", "print what would be deleted, and delete nothing", false),
    facts,
  ).action((ids: string[], options: ConnectionOptions & { purpose?: DeletePurpose; manifest?: string; yes: boolean; dryRun: boolean }) =>
    run(() => remove(ids, options, context)),
  );
}

function tableRow(file: UploadedFile): string[] {
  const created = file.created_at === undefined ? "-" : new Date(file.created_at * 1000).toISOString().replace("T", " ").slice(0, 16);
  const size = file.bytes === undefined ? "-" : `${(file.bytes / 1024 / 1024).toFixed(2)} MB`;
  return [file.file_id, file.purpose ?? "-", file.filename ?? "-", size, created];
}

async function download(
  fileId: string,
  options: ConnectionOptions & { output?: string; force: boolean; progress: boolean },
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const [core, { basename, resolve }] = await Promise.all([context.core(), import("node:path")]);
  const client = clientFor(options, io, core);
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort(new Error("interrupted")));
  try {
    const request = { ...requestOptionsFor(options), signal: controller.signal };
    if (options.output === "-") {
      const content = await client.files.retrieveContent(fileId, request);
      const { pipeline } = await import("node:stream/promises");
      await pipeline(await content.toNodeStream(), io.stdoutStream);
      return exitCodes.ok;
    }
    const record: StoredFile | undefined = options.output ? undefined : await client.files.retrieve(fileId, request);
    const path = resolve(options.output ?? basename(record?.filename || fileId));
    const display = await progressDisplay(io, options.progress, record?.bytes ?? 0);
    const bar = display.file(basename(path), record?.bytes ?? 0);
    try {
      const written = await client.files.download(fileId, path, {
        ...request,
        overwrite: options.force,
        onProgress: ({ loaded }) => bar.update(loaded),
      });
      io.stdout(`${JSON.stringify({ file_id: fileId, path: written.path, bytes: written.bytes, trace_id: written.traceId })}\n`);
      return exitCodes.ok;
    } finally {
      bar.done();
      display.stop();
    }
  } catch (error) {
    if (controller.signal.aborted) {
      io.stderr("minimax-files: interrupted; nothing was written\n");
      return exitCodes.interrupted;
    }
    if (error instanceof core.InvalidInputError && error.field === "path" && /already exists/.test(error.problem)) {
      throw new UsageError(`${error.problem}: pass --force to replace it, or -o to write elsewhere`);
    }
    throw error;
  } finally {
    stopListening();
  }
}

/** What one delete is to act on. */
interface Target {
  fileId: string;
  purpose: DeletePurpose;
}

async function remove(
  ids: string[],
  options: ConnectionOptions & { purpose?: DeletePurpose; manifest?: string; yes: boolean; dryRun: boolean },
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  if (ids.length && !options.purpose) throw new UsageError("--purpose is required to delete by id (MiniMax requires it)");
  const targets: Target[] = ids.map((fileId) => ({ fileId, purpose: options.purpose! }));
  if (options.manifest) targets.push(...(await manifestTargets(options.manifest)));
  if (targets.length === 0) throw new UsageError("nothing to delete: give file ids (with --purpose) or --manifest");
  if (options.dryRun) {
    for (const target of targets) io.stdout(`${JSON.stringify({ file_id: target.fileId, purpose: target.purpose, would_delete: true })}\n`);
    return exitCodes.ok;
  }
  if (!options.yes) {
    if (!io.stdinIsTTY) throw new UsageError("refusing to delete without asking: pass --yes (stdin is not a terminal)");
    const answer = await io.ask(`Delete ${targets.length} file${targets.length === 1 ? "" : "s"} from MiniMax? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.stderr("minimax-files: nothing deleted\n");
      return exitCodes.ok;
    }
  }
  const core = await context.core();
  const client: MiniMaxFiles = clientFor(options, io, core);
  let failed = 0;
  for (const target of targets) {
    try {
      const deleted = await client.files.delete(target.fileId, { purpose: target.purpose }, requestOptionsFor(options));
      io.stdout(`${JSON.stringify({ ...deleted, purpose: target.purpose, deleted: true })}\n`);
    } catch (error) {
      failed++;
      io.stdout(`${JSON.stringify({ file_id: target.fileId, deleted: false, error: describeFailure(error, client, core) })}\n`);
    }
  }
  if (failed === 0) return exitCodes.ok;
  io.stderr(`minimax-files: ${targets.length - failed} deleted, ${failed} failed\n`);
  return failed === targets.length ? exitCodes.failed : exitCodes.partial;
}

/** The files an upload manifest recorded (`upload --manifest`), each with its purpose. */
async function manifestTargets(path: string): Promise<Target[]> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--manifest ${path} cannot be read (${error.code ?? error.message})`);
  });
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line, index) => {
      try {
        const entry = JSON.parse(line) as { file_id?: unknown; purpose?: unknown };
        if (typeof entry.file_id === "string" && typeof entry.purpose === "string") {
          return { fileId: entry.file_id, purpose: entry.purpose as DeletePurpose };
        }
      } catch {}
      throw new UsageError(`--manifest ${path} line ${index + 1} is not an upload record (expected file_id and purpose)`);
    });
}
