/**
 * `minimax-files`: command-line upload of voice-cloning audio, over `@minimax-files/core`.
 * @module
 */

export { exitCodes } from "./exit-codes.js";
export type { CliIO } from "./io.js";
export { main } from "./main.js";
