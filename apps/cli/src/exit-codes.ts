/** Exit codes of `minimax-files`. */
export const exitCodes = {
  /** The upload succeeded. */
  ok: 0,
  /** The upload failed: MiniMax refused it, or it could not be sent or read. */
  failed: 1,
  /** The command line or the input was wrong; nothing was sent. */
  usage: 2,
} as const;
