import { InvalidInputError } from "./errors.js";
import type { components } from "./generated/openapi.js";
import { purposeSchema } from "./response-schema.js";
import { describeValue } from "./validate.js";

/** What the audio is for: `voice_clone` (10 s to 5 min) or `prompt_audio` (under 8 s). */
export type Purpose = components["schemas"]["Purpose"];

/**
 * Checks a purpose (a JS caller may pass anything), defaulting to `voice_clone`.
 * @param field the option's name in the error, e.g. `purpose` or `preflight.durations.x`
 * @throws InvalidInputError for any value that is not one of the spec's purposes.
 */
export function checkPurpose(purpose: unknown, field = "purpose"): Purpose {
  const parsed = purposeSchema.safeParse(purpose ?? "voice_clone");
  if (!parsed.success) {
    throw new InvalidInputError(field, `got ${describeValue(purpose)}`, purposeSchema.options.join(" or "));
  }
  return parsed.data;
}
