import { InvalidInputError } from "../errors.js";
import type { FileSource } from "./file-source.js";

/**
 * Opens a filesystem path or `file:` URL (see `openFile`): a `file:` URL with a remote host or
 * an encoded `/` is refused with InvalidInputError naming it and the reason. Node's modules
 * load here, on first use.
 */
export async function openPath(path: string | URL): Promise<FileSource> {
  if (path instanceof URL && path.protocol !== "file:") {
    throw new InvalidInputError("file", `URL ${path.protocol} is not a local file`, "a file: URL");
  }
  const [{ basename }, { fileURLToPath }, { openFile }] = await Promise.all([
    import("node:path"),
    import("node:url"),
    import("./file-source.js"),
  ]);
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
  return openFile(filePath, basename(filePath), undefined);
}
