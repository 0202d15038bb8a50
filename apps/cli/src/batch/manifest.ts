import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";

/** One uploaded file, as a line of the manifest (JSON Lines). */
export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
  purpose: string;
  file_id: string;
  trace_id: string | undefined;
  uploaded_at: string;
}

/**
 * A manifest of uploaded files: read once, appended one whole line per finished upload (one
 * `write` with O_APPEND, then `fdatasync`), so that an interrupted run leaves every line valid
 * but at most a torn last one, which reading skips.
 */
export class Manifest {
  readonly #uploaded = new Map<string, ManifestEntry>();

  private constructor(
    readonly path: string,
    readonly handle: import("node:fs/promises").FileHandle,
  ) {}

  /** Opens (creating) the manifest at `path` and reads what it holds. */
  static async open(path: string): Promise<Manifest> {
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) =>
      error.code === "ENOENT" ? "" : Promise.reject(error),
    );
    const manifest = new Manifest(path, await open(path, "a"));
    for (const line of text.split("\n")) {
      try {
        const entry = JSON.parse(line) as ManifestEntry;
        if (entry.sha256 && entry.purpose && entry.file_id) manifest.#uploaded.set(Manifest.#key(entry.sha256, entry.purpose), entry);
      } catch {
        // a torn line from an interrupted write, or a blank line
      }
    }
    return manifest;
  }

  /** The entry of a file with this content already uploaded for this purpose, if any. */
  find(sha256: string, purpose: string): ManifestEntry | undefined {
    return this.#uploaded.get(Manifest.#key(sha256, purpose));
  }

  /** Records an upload. */
  async append(entry: ManifestEntry): Promise<void> {
    this.#uploaded.set(Manifest.#key(entry.sha256, entry.purpose), entry);
    await this.handle.appendFile(`${JSON.stringify(entry)}\n`);
    await this.handle.datasync();
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  static #key(sha256: string, purpose: string): string {
    return `${sha256}:${purpose}`;
  }
}

/** SHA-256 (hex) and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}
