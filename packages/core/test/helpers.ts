/** Returns what `fn` throws; fails the test when it returns instead. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/**
 * Points this test file's temporary folder (`os.tmpdir()`, which reads `TMPDIR`) at a private
 * folder, so that checks for leftover temporary files see only this file's own; returns a lister
 * of the folders core's spooling left there. Test files run in processes of their own.
 */
export function privateTmpDir(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
}): () => Promise<string[]> {
  let folder = "";
  const previous = process.env["TMPDIR"];
  hooks.beforeAll(async () => {
    const [{ mkdtemp }, { tmpdir }, { join }] = await Promise.all([import("node:fs/promises"), import("node:os"), import("node:path")]);
    folder = await mkdtemp(join(tmpdir(), "core-test-tmp-"));
    process.env["TMPDIR"] = folder;
  });
  hooks.afterAll(async () => {
    if (previous === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = previous;
    const { rm } = await import("node:fs/promises");
    await rm(folder, { recursive: true, force: true });
  });
  return async () => {
    const { readdir } = await import("node:fs/promises");
    return (await readdir(folder)).filter((name) => name.startsWith("minimax-files-"));
  };
}
