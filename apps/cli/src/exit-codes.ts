/** Exit codes of `minimax-files` (the README has the table). */
export const exitCodes = {
  /** Every upload succeeded (or was already in the manifest); every checked file passed. */
  ok: 0,
  /** The upload failed (a single file, or every file of a batch). */
  failed: 1,
  /** The command line or the input was wrong; nothing was sent. */
  usage: 2,
  /** `check`: at least one file would be refused. */
  checkRefused: 3,
  /** A batch where some files uploaded and some failed. */
  partial: 4,
  /** Interrupted (Ctrl-C): no new file started, those in flight aborted, the manifest valid. */
  interrupted: 130,
} as const;
