/**
 * `@minimax-files/core/enums`: what the API accepts, as values and words, without the client
 * (no zod, no HTTP): the spec's enumerations, the audio formats, the regions' hosts, and the
 * rules of each purpose and of voice ids. For tools that only describe the API, such as a
 * command line's help.
 * @module
 */
export { describePurposeRule } from "../audio/limits.js";
export { contentTypeByFormat } from "../audio/sniff.js";
export { cloneModelValues, deletePurposeValues, listPurposeValues, purposeValues } from "../generated/openapi.js";
export { regionBaseURLs } from "../hosts.js";
export { voiceIdRules } from "../voice/voice-id-rules.js";
