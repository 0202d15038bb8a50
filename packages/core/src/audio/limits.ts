import type { Purpose } from "../purpose.js";

/** Duration limits of one purpose, in seconds. */
export interface DurationLimit {
  /** Shortest allowed duration (inclusive). */
  minSeconds?: number | undefined;
  /** Longest allowed duration (inclusive), unless `exclusiveMax`. */
  maxSeconds?: number | undefined;
  /** When true the duration must be strictly under `maxSeconds`. */
  exclusiveMax?: boolean | undefined;
}

/** Limits the pre-flight checks enforce; each field overrides MiniMax's documented default. */
export interface PreflightLimits {
  /** Largest file in bytes. Defaults to 20 MB (20 × 1024 × 1024). */
  maxBytes?: number | undefined;
  /** Duration limits per purpose. Defaults: `voice_clone` 10 s to 5 min, `prompt_audio` under 8 s. */
  durations?: Partial<Record<Purpose, DurationLimit>> | undefined;
}

/**
 * What is checked before an upload of each purpose, in one table: `audio` (the format from the
 * first bytes: mp3, wav or m4a; the size; the duration within the limit), or `text` for the text
 * input of asynchronous speech (a txt file or a zip, from the first bytes; MiniMax publishes no
 * size limit, so none is enforced). A purpose the spec gains without a row here fails to compile;
 * at run time (a build made without the type check) it is uploaded with no checks.
 */
export const purposeRules = {
  voice_clone: { checks: "audio", duration: { minSeconds: 10, maxSeconds: 300 } },
  prompt_audio: { checks: "audio", duration: { maxSeconds: 8, exclusiveMax: true } },
  t2a_async_input: { checks: "text" },
} as const satisfies Record<Purpose, PurposeRule>;

/** One row of {@link purposeRules}. */
export type PurposeRule = { checks: "audio"; duration: DurationLimit } | { checks: "text" };

/** The rule of a purpose, or undefined for one the table does not know (checked at run time, whatever the types say). */
export function ruleFor(purpose: string): PurposeRule | undefined {
  return Object.hasOwn(purposeRules, purpose) ? (purposeRules as Record<string, PurposeRule>)[purpose] : undefined;
}

/** The purposes whose uploads are audio, checked for format, size and duration. */
export const audioPurposes = Object.entries(purposeRules as Record<Purpose, PurposeRule>)
  .filter(([, rule]) => rule.checks === "audio")
  .map(([purpose]) => purpose as Purpose);

/** MiniMax's documented limits for audio: 20 MB, and the duration of each audio purpose. */
export const defaultLimits: { readonly maxBytes: number; readonly durations: Readonly<Partial<Record<Purpose, DurationLimit>>> } = {
  maxBytes: 20 * 1024 * 1024,
  durations: Object.fromEntries(
    Object.entries(purposeRules as Record<Purpose, PurposeRule>).flatMap(([purpose, rule]) =>
      rule.checks === "audio" ? [[purpose, rule.duration]] : [],
    ),
  ),
};

/** The limits in force for an audio purpose: `overrides` field by field over the defaults. */
export function limitsFor(purpose: Purpose, overrides: PreflightLimits = {}): { maxBytes: number; duration: DurationLimit } {
  return {
    maxBytes: overrides.maxBytes ?? defaultLimits.maxBytes,
    duration: { ...defaultLimits.durations[purpose], ...overrides.durations?.[purpose] },
  };
}

/** A purpose's rule in words, e.g. `10 s to 300 s for voice_clone` or `txt or zip for t2a_async_input`. */
export function describePurposeRule(purpose: Purpose): string {
  const rule = ruleFor(purpose);
  if (!rule) return `no checks for ${purpose}`;
  if (rule.checks === "text") return `txt or zip for ${purpose}`;
  return describeDurationLimit(rule.duration, purpose);
}

/** A duration limit in words, e.g. `10 s to 300 s for voice_clone`. */
export function describeDurationLimit(limit: DurationLimit, purpose: Purpose): string {
  const { minSeconds, maxSeconds, exclusiveMax } = limit;
  const range =
    minSeconds !== undefined && maxSeconds !== undefined
      ? `${minSeconds} s to ${maxSeconds} s`
      : minSeconds !== undefined
        ? `at least ${minSeconds} s`
        : maxSeconds !== undefined
          ? `${exclusiveMax ? "under" : "at most"} ${maxSeconds} s`
          : "any duration";
  return `${range} for ${purpose}`;
}

/** Whether a duration is within a limit. */
export function withinDuration(seconds: number, limit: DurationLimit): boolean {
  if (limit.minSeconds !== undefined && seconds < limit.minSeconds) return false;
  if (limit.maxSeconds !== undefined) return limit.exclusiveMax ? seconds < limit.maxSeconds : seconds <= limit.maxSeconds;
  return true;
}
