/**
 * `minimax-files check <files...>`: the pre-flight checks only, nothing sent: format, duration,
 * size and a verdict per purpose (all from core, so from the spec). A table on a terminal, one
 * JSON line per file otherwise; exit 0 when every file passes for `--purpose`, 3 when any would
 * be refused.
 * @module
 */
import type { Purpose } from "@minimax-files/core";
import type { AudioReport } from "@minimax-files/core/audio";
import type { Command } from "commander";
import { preflightAdvice } from "../cli-messages.js";
import type { Core } from "../core.js";
import { exitCodes } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { renderTable } from "../table.js";
import type { CommandContext } from "./command-context.js";

/** The options of `check`. */
export interface CheckCommandOptions {
  purpose: Purpose;
  recursive: boolean;
  json?: boolean;
}

/** Declares `check` and its flags on `program`. */
export function registerCheckCommand(program: Command, context: CommandContext): void {
  const { facts, io, setExitCode, purposeOption } = context;
  const formats = facts.formats.join(", ");
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
    .action(async (files: string[], options: CheckCommandOptions) =>
      setExitCode(await checkCommand(files, options, io, await context.core())),
    );
}

/** Runs the command; returns the exit code. */
export async function checkCommand(args: string[], options: CheckCommandOptions, io: CliIO, core: Core): Promise<number> {
  // Loaded when the command runs, not for its --help (so are Node's modules they use).
  const [{ collectFiles }, { relative }] = await Promise.all([import("../batch/files.js"), import("node:path")]);
  const { files } = await collectFiles(args, options.recursive, Object.keys(core.contentTypeByFormat));
  const table = io.stdoutIsTTY && options.json !== true;
  if (core.ruleFor(options.purpose)?.checks !== "audio") return noAudioChecks(files, options.purpose, table, io, core);
  const rows: Array<{ file: string; report: AudioReport }> = [];
  let refused = 0;
  for (const file of files) {
    const report = await core.inspectAudio(file);
    const verdict = report.verdicts[options.purpose] ?? { ok: true };
    if (!verdict.ok) refused++;
    if (table) rows.push({ file, report });
    else {
      io.stdout(
        `${JSON.stringify({
          path: file,
          ok: verdict.ok,
          purpose: options.purpose,
          format: report.format ?? null,
          found: report.described,
          duration_seconds: report.durationSeconds === undefined ? null : round(report.durationSeconds),
          size_bytes: report.sizeBytes,
          verdicts: Object.fromEntries(
            Object.entries(report.verdicts).map(([name, verdict]) => [
              name,
              verdict.ok
                ? verdict
                : {
                    ...verdict,
                    message:
                      `${verdict.rule} check: found ${verdict.found}; allowed: ${verdict.limit}. ` +
                      `${preflightAdvice(verdict.remedy)} when uploading`,
                  },
            ]),
          ),
        })}\n`,
      );
    }
  }
  if (table) io.stdout(renderRows(rows, options.purpose, io.columns, (file) => relative(process.cwd(), file) || file));
  return refused ? exitCodes.checkRefused : exitCodes.ok;
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;

function renderRows(
  rows: Array<{ file: string; report: AudioReport }>,
  purpose: Purpose,
  width: number | undefined,
  shown: (file: string) => string,
): string {
  const purposes = Object.keys(rows[0]?.report.verdicts ?? {}) as Purpose[];
  const header = ["file", "format", "duration", "size", ...purposes.map((name) => (name === purpose ? `${name} (checked)` : name))];
  const body = rows.map(({ file, report }) => [
    shown(file),
    report.format ?? report.described ?? "unknown",
    report.durationSeconds === undefined ? "-" : `${round(report.durationSeconds)} s`,
    `${(report.sizeBytes / 1024 / 1024).toFixed(2)} MB`,
    ...purposes.map((name) => {
      const verdict = report.verdicts[name] ?? { ok: true };
      // The format is in its own column: a refusal for it says only that.
      if (verdict.ok) return "ok";
      return verdict.rule === "format" ? "refused: format" : `refused: ${verdict.rule} (allowed: ${verdict.limit})`;
    }),
  ]);
  return renderTable(header, body, width);
}

/** A purpose whose uploads are not audio (or that has no rule): nothing to inspect, and the CLI says so. */
function noAudioChecks(files: string[], purpose: Purpose, table: boolean, io: CliIO, core: Core): number {
  const note = `no audio checks for ${purpose} (${core.describePurposeRule(purpose)})`;
  if (table) io.stdout(`${note}\n`);
  else for (const file of files) io.stdout(`${JSON.stringify({ path: file, ok: true, purpose, checked: false, note })}\n`);
  return exitCodes.ok;
}
