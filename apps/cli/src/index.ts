/**
 * `minimax-files`: command-line upload of voice-cloning audio, over `@minimax-files/core`.
 * @module
 */
export { main } from "./main.js";
export { exitCodes } from "./exit-codes.js";
export type { CliIO } from "./io.js";
