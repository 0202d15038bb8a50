import { readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { UsageError } from "../usage-error.js";

/**
 * The files named on the command line, as absolute paths, in order, each once. A directory is
 * walked only with `recursive`, and then yields the files whose extension is an accepted
 * format's (`extensions`, from core). A path that does not exist is a usage error, found before
 * anything is sent.
 */
export async function collectFiles(
  args: readonly string[],
  recursive: boolean,
  extensions: readonly string[],
): Promise<{ files: string[]; single: boolean }> {
  const files: string[] = [];
  let single = args.length === 1;
  for (const arg of args) {
    const path = resolve(arg);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${arg} (${error.code ?? error.message}); check the path`);
    });
    if (info.isDirectory()) {
      if (!recursive) throw new UsageError(`${arg} is a directory; pass --recursive to upload the audio files in it`);
      single = false;
      files.push(...(await walk(path, new Set(extensions.map((extension) => `.${extension}`)))));
    } else files.push(path);
  }
  return { files: [...new Set(files)], single };
}

async function walk(folder: string, extensions: Set<string>): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path, extensions)));
    else if (entry.isFile() && extensions.has(extname(entry.name).toLowerCase())) found.push(path);
  }
  return found;
}
