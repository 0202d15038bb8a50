/**
 * What the CLI takes from `@minimax-files/core`: the client and its errors (the root export) and
 * the helpers of its subpaths (audio checks, hosts, schemas), loaded together once a command runs.
 * @module
 */

/** Loads core and the subpaths the commands use. */
export async function loadCore() {
  const [root, audio, hosts, schemas] = await Promise.all([
    import("@minimax-files/core"),
    import("@minimax-files/core/audio"),
    import("@minimax-files/core/hosts"),
    import("@minimax-files/core/schemas"),
  ]);
  return { ...root, ...audio, ...hosts, ...schemas };
}

/** Core as the commands see it. */
export type Core = Awaited<ReturnType<typeof loadCore>>;
