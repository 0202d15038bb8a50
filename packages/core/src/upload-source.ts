import { contentTypeForFilename, defaultContentType } from "./content-type.js";
import { InvalidInputError } from "./errors.js";

/**
 * What `upload()` accepts as `file`:
 * - a filesystem path (`string`) or a `file:` `URL` (Node only; read lazily, never whole into memory);
 * - a `Blob` or `File` (a `File`'s name becomes the filename);
 * - bytes: `Uint8Array` (including Node's `Buffer`) or `ArrayBuffer`.
 */
export type UploadSource = string | URL | Blob | Uint8Array | ArrayBuffer;

/** The file part, ready to be appended to a form. */
export interface FilePart {
  blob: Blob;
  filename: string;
}

/** Overrides for what is otherwise taken from the source. */
export interface FilePartOverrides {
  filename?: string | undefined;
  contentType?: string | undefined;
}

const expectedSource = "a file path, a file: URL, a Blob or File, a Uint8Array/Buffer or an ArrayBuffer";

/**
 * Turns an {@link UploadSource} into a `Blob` and a filename. Paths become lazily read Blobs
 * (`fs.openAsBlob`), so the file is streamed when the request is sent.
 *
 * @throws InvalidInputError when the source is of no accepted kind or the path is not a readable file.
 */
export async function toFilePart(source: UploadSource, overrides: FilePartOverrides = {}): Promise<FilePart> {
  const { blob, name } = await openSource(source);
  const filename = overrides.filename ?? name ?? "audio";
  const contentType =
    overrides.contentType ?? (blob.type || contentTypeForFilename(filename) || defaultContentType);
  return { blob: blob.type === contentType ? blob : blob.slice(0, blob.size, contentType), filename };
}

async function openSource(source: UploadSource): Promise<{ blob: Blob; name: string | undefined }> {
  if (typeof source === "string" || source instanceof URL) return openPath(source);
  if (typeof File !== "undefined" && source instanceof File) return { blob: source, name: source.name || undefined };
  if (source instanceof Blob) return { blob: source, name: undefined };
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    return { blob: new Blob([source as Uint8Array<ArrayBuffer>]), name: undefined };
  }
  throw new InvalidInputError("file", `got ${describeValue(source)}`, expectedSource);
}

async function openPath(path: string | URL): Promise<{ blob: Blob; name: string }> {
  if (path instanceof URL && path.protocol !== "file:") {
    throw new InvalidInputError("file", `URL ${path.protocol} is not a local file`, "a file: URL");
  }
  // Node-only modules load here, on first use, so the package imports nothing Node-only up front.
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
  const name = basename(filePath);
  return { blob: await openAsBlob(filePath, { type: contentTypeForFilename(name) ?? "" }), name };
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return value.constructor?.name ? `a ${value.constructor.name}` : "an object";
}
