/**
 * `@minimax-files/core/audio`: the pre-flight checks on their own, and what they know. Inspect a
 * file against every audio purpose without sending it, read the rules per purpose, and convert a
 * browser recording to WAV with the browser's own decoder.
 * @module
 */
export { type AudioReport, inspectAudio, type PurposeVerdict } from "../audio/inspect.js";
export {
  audioPurposes,
  type DurationLimit,
  defaultLimits,
  describeDurationLimit,
  describePurposeRule,
  type PreflightLimits,
  type PurposeRule,
  purposeRules,
  ruleFor,
} from "../audio/limits.js";
export { type AudioFormat, contentTypeByFormat, sniffAudioFormat } from "../audio/sniff.js";
export { encodeWav, type ToWavOptions, toWav } from "../audio/to-wav.js";
