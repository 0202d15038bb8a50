import { InvalidInputError } from "../errors.js";
import type { OpenedSource } from "./types.js";

/**
 * Opens a filesystem path or `file:` URL as a lazily read Blob (`fs.openAsBlob`), after checking
 * that it names a readable regular file on this machine: a `file:` URL with a remote host or an
 * encoded `/`, a missing or unreadable path (EACCES), or a directory is refused with
 * InvalidInputError naming the path and the reason. Node's modules load here, on first use, so
 * the package imports nothing Node-only up front.
 */
export async function openPath(path: string | URL): Promise<OpenedSource> {
  if (path instanceof URL && path.protocol !== "file:") {
    throw new InvalidInputError("file", `URL ${path.protocol} is not a local file`, "a file: URL");
  }
  const [{ openAsBlob, promises: fs, constants }, { basename }, { fileURLToPath }] = await Promise.all([
    import("node:fs"),
    import("node:path"),
    import("node:url"),
  ]);
  let filePath: string;
  try {
    filePath = path instanceof URL ? fileURLToPath(path) : path;
  } catch (error) {
    // Node's reasons: a host other than localhost, or an encoded "/" in the path.
    throw new InvalidInputError("file", `${String(path)} cannot name a local file (${(error as Error).message})`, "a file: URL of this machine, such as file:///data/voice.wav");
  }
  const cannotRead = (error: NodeJS.ErrnoException): never => {
    throw new InvalidInputError("file", `cannot read ${filePath} (${error.code ?? error.message})`, "a readable file");
  };
  const stats = await fs.stat(filePath).catch(cannotRead);
  if (!stats.isFile()) throw new InvalidInputError("file", `${filePath} is not a regular file`, "a readable file");
  // A permission problem becomes a clear error here, not a failed read mid-upload.
  await fs.access(filePath, constants.R_OK).catch(cannotRead);
  const { fileStream } = await import("./file-stream.js");
  const blob = await openAsBlob(filePath);
  return { kind: "blob", blob, read: () => fileStream(filePath, blob.size), path: filePath, name: basename(filePath), declaredType: undefined };
}
