/**
 * The pre-flight refusals, made in one place for the checks before an upload
 * (`preflight.ts`), the checks alone (`inspect.ts`) and a stream counted as it is sent.
 * @module
 */
import { AudioPreflightError } from "../errors.js";
import type { Purpose } from "../purpose.js";
import { type DurationLimit, describeDurationLimit } from "./limits.js";
import { describeHead, sniffBytes } from "./sniff.js";

/** The format rule, in words. */
const formatLimit = "mp3, wav or m4a, recognised from the file's first bytes";

/** Audio whose first bytes are no accepted format; converting it would help. */
export function formatRefusal(head: Uint8Array): AudioPreflightError {
  return new AudioPreflightError("format", describeHead(head.subarray(0, sniffBytes)), formatLimit, 0, { option: "convert" });
}

/** Audio over the size limit (`found`, e.g. `25165824 bytes` or `more than 20971520 bytes`). */
export function sizeRefusal(found: string, maxBytes: number, attempts = 0): AudioPreflightError {
  return AudioPreflightError.size(found, maxBytes, attempts);
}

/** Audio of `seconds` outside the purpose's limit; cutting helps when it is too long. */
export function durationRefusal(seconds: number, limit: DurationLimit, purpose: Purpose): AudioPreflightError {
  const { maxSeconds, exclusiveMax } = limit;
  const tooLong = maxSeconds !== undefined && seconds >= maxSeconds;
  const remedy = tooLong ? { option: "trimTo" as const, seconds: exclusiveMax ? maxSeconds - 0.01 : maxSeconds } : undefined;
  return new AudioPreflightError("duration", `${Math.round(seconds * 100) / 100} s`, describeDurationLimit(limit, purpose), 0, remedy);
}

/** Audio whose headers declare no duration. */
export function noDurationRefusal(limit: DurationLimit, purpose: Purpose): AudioPreflightError {
  return new AudioPreflightError("duration", "no duration in the audio's headers", describeDurationLimit(limit, purpose));
}
