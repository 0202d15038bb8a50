import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Sparse files of the given sizes (they read as zeros and cost no disk), removed by cleanup(). */
export async function makeFiles(sizes) {
  const dir = await mkdtemp(join(tmpdir(), "minimax-files-bench-"));
  const paths = {};
  for (const bytes of sizes) {
    paths[bytes] = join(dir, `${bytes}.bin`);
    const handle = await open(paths[bytes], "w");
    await handle.truncate(bytes);
    await handle.close();
  }
  return { paths, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
