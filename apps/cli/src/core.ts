/**
 * What the CLI takes from `@minimax-files/core`: the client and its errors (the root export) and
 * the helpers of its subpaths (audio checks, hosts, schemas), loaded together once a command runs.
 * @module
 */

/**
 * What the commands' declarations (and so every `--help`) need: the spec's enumerations, the
 * audio formats and rules, the regions: core's light `enums` module, without the client (no zod, no HTTP).
 */
export async function loadFacts() {
  const enums = await import("@minimax-files/core/enums");
  return {
    purposes: enums.purposeValues,
    listPurposes: enums.listPurposeValues,
    deletePurposes: enums.deletePurposeValues,
    cloneModels: enums.cloneModelValues,
    voiceIdRules: enums.voiceIdRules,
    formats: Object.keys(enums.contentTypeByFormat),
    describePurposeRule: enums.describePurposeRule,
    regions: Object.keys(enums.regionBaseURLs),
  };
}

/** The facts the declarations use. */
export type Facts = Awaited<ReturnType<typeof loadFacts>>;

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
