import { InvalidInputError } from "../errors.js";
import type { FileSource } from "./file-source.js";

/** Node's modules a path needs, loaded once on first use (the package imports nothing Node-only up front). */
let pathModules: Promise<[typeof import("node:path"), typeof import("node:url"), typeof import("./file-source.js")]> | undefined;

/**
 * Opens a filesystem path or `file:` URL (see `openFile`): a `file:` URL with a remote host or
 * an encoded `/` is refused with InvalidInputError naming it and the reason. The file's handle
 * stays open until the source is sent or closed.
 */
export async function openPath(path: string | URL): Promise<FileSource> {
  if (path instanceof URL && path.protocol !== "file:") {
    throw new InvalidInputError("file", `URL ${path.protocol} is not a local file`, "a file: URL");
  }
  pathModules ??= Promise.all([import("node:path"), import("node:url"), import("./file-source.js")]);
  const [{ basename }, { fileURLToPath }, { openFile }] = await pathModules;
  let filePath: string;
  try {
    filePath = path instanceof URL ? fileURLToPath(path) : path;
  } catch (error) {
    // Node's reasons: a host other than localhost, or an encoded "/" in the path.
    throw new InvalidInputError(
      "file",
      `${String(path)} cannot name a local file (${(error as Error).message})`,
      "a file: URL of this machine, such as file:///data/voice.wav",
    );
  }
  return openFile(filePath, basename(filePath), undefined, { keepOpen: true });
}
