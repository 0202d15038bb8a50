/**
 * What every command is given when it declares itself on the program: the facts its flags name, core on demand, the process's
 * streams, where to put the exit code, and the `--purpose` option every command that takes one shares.
 * @module
 */
import type { Option } from "commander";
import type { Core, Facts } from "../core.js";
import type { CliIO } from "../io.js";

/** The context of a command's declaration. */
export interface CommandContext {
  /** What the declaration needs (purposes, formats, regions), without the client. */
  facts: Facts;
  /** Core, loaded once, when a command runs (never for `--help`). */
  core: () => Promise<Core>;
  io: CliIO;
  setExitCode: (code: number) => void;
  /** A fresh `-p, --purpose` option for uploads, with the purposes and their rules from core. */
  purposeOption: () => Option;
}
