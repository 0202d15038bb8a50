/**
 * Writes content to a path atomically (Node only): into a temporary file beside it, renamed into
 * place once every byte is on disk; on any failure the temporary file is removed, so the path
 * holds either the whole content or what it held before.
 * @module
 */
import { describeCause, InvalidInputError, MiniMaxFilesError } from "../errors.js";
import type { ContentWriter } from "./write-content.js";

// Node's modules are loaded when called, never up front: this module is bundled into browser
// builds too (loaded lazily by `files.download`), where nothing may import `node:` at the top.
const node = () => Promise.all([import("node:crypto"), import("node:fs/promises"), import("node:path")]);

/**
 * Writes the content `writeInto` writes to `target`; resolves with the bytes written. Refuses an
 * existing `target` unless `overwrite`.
 */
export async function writeAtomically(writeInto: ContentWriter, target: string, options: { overwrite: boolean }): Promise<number> {
  const [{ randomBytes }, { link, open, rename, rm }, { basename, dirname, join }] = await node();
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.partial`);
  try {
    const handle = await open(temporary, "wx");
    let bytes: number;
    try {
      bytes = await writeInto(handle);
    } finally {
      await handle.close();
    }
    if (options.overwrite) await rename(temporary, target);
    else await linkWithoutOverwrite(link, temporary, target);
    return bytes;
  } catch (error) {
    // The content's own failures are typed already; anything else is the disk's.
    if (error instanceof MiniMaxFilesError) throw error;
    throw new InvalidInputError("path", `could not write ${target} (${describeCause(error)})`, "a writable path with room for the file", {
      cause: error,
    });
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Puts `temporary` at `target` only if nothing is there (a hard link fails with EEXIST; no race with another writer). */
async function linkWithoutOverwrite(link: (from: string, to: string) => Promise<void>, temporary: string, target: string): Promise<void> {
  try {
    await link(temporary, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new InvalidInputError("path", `${target} already exists`, "a path where no file is, or overwrite: true");
    }
    throw error;
  }
}

/**
 * Refuses a download target before anything is sent: an existing file (unless `overwrite`), or a
 * folder that is missing or not writable.
 */
export async function checkTarget(target: string, overwrite: boolean): Promise<void> {
  const [{ access, constants, stat }, { dirname }] = await Promise.all([import("node:fs/promises"), import("node:path")]);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new InvalidInputError("path", `${target} is a folder`, "the path of a file to write");
  if (existing && !overwrite)
    throw new InvalidInputError("path", `${target} already exists`, "a path where no file is, or overwrite: true");
  try {
    await access(dirname(target), constants.W_OK);
  } catch (error) {
    throw new InvalidInputError("path", `cannot write in ${dirname(target)} (${describeCause(error)})`, "a path in a writable folder", {
      cause: error,
    });
  }
}
