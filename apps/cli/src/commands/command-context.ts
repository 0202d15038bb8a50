/**
 * What every command is given when it declares itself on the program: core, the process's
 * streams, where to put the exit code, and the `--purpose` option every command that takes one shares.
 * @module
 */
import type { Option } from "commander";
import type { Core } from "../core.js";
import type { CliIO } from "../io.js";

/** The context of a command's declaration. */
export interface CommandContext {
  core: Core;
  io: CliIO;
  setExitCode: (code: number) => void;
  /** A fresh `-p, --purpose` option for uploads, with the purposes and their rules from core. */
  purposeOption: () => Option;
}
