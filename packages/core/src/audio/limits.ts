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

/** MiniMax's documented limits. */
export const defaultLimits = {
  maxBytes: 20 * 1024 * 1024,
  durations: {
    voice_clone: { minSeconds: 10, maxSeconds: 300 },
    prompt_audio: { maxSeconds: 8, exclusiveMax: true },
  },
  // a purpose added to the spec without a rule here fails to compile
} as const satisfies { maxBytes: number; durations: Record<Purpose, DurationLimit> };

/** The limits in force for a purpose: `overrides` field by field over the defaults. */
export function limitsFor(purpose: Purpose, overrides: PreflightLimits = {}): { maxBytes: number; duration: DurationLimit } {
  return {
    maxBytes: overrides.maxBytes ?? defaultLimits.maxBytes,
    duration: { ...defaultLimits.durations[purpose], ...overrides.durations?.[purpose] },
  };
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
