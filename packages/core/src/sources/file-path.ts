import { InvalidInputError } from "../errors.js";
import type { OpenedSource } from "./types.js";

/**
 * Opens a filesystem path or `file:` URL as a lazily read Blob (`fs.openAsBlob`). Node's modules
 * load here, on first use, so the package imports nothing Node-only up front.
 */
export async function openPath(path: string | URL): Promise<OpenedSource> {
  if (path instanceof URL && path.protocol !== "file:") {
    throw new InvalidInputError("file", `URL ${path.protocol} is not a local file`, "a file: URL");
  }
  const [{ openAsBlob, promises: fs }, { basename }, { fileURLToPath }] = await Promise.all([
    import("node:fs"),
    import("node:path"),
    import("node:url"),
  ]);
  const filePath = path instanceof URL ? fileURLToPath(path) : path;
  const stats = await fs.stat(filePath).catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError("file", `cannot read ${filePath} (${error.code ?? error.message})`, "a readable file");
  });
  if (!stats.isFile()) throw new InvalidInputError("file", `${filePath} is not a regular file`, "a readable file");
  const { fileStream } = await import("./file-stream.js");
  const blob = await openAsBlob(filePath);
  return { kind: "blob", blob, read: () => fileStream(filePath, blob.size), name: basename(filePath), declaredType: undefined };
}
