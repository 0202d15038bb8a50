import type { components } from "./generated/openapi.js";
import { InvalidInputError } from "./errors.js";
import { purposeSchema } from "./response-schema.js";

/** What the audio is for: `voice_clone` (10 s to 5 min) or `prompt_audio` (under 8 s). */
export type Purpose = components["schemas"]["Purpose"];

/**
 * Checks a purpose, defaulting to `voice_clone`.
 * @throws InvalidInputError for any other value.
 */
export function checkPurpose(purpose: unknown): Purpose {
  const parsed = purposeSchema.safeParse(purpose ?? "voice_clone");
  if (!parsed.success) {
    throw new InvalidInputError("purpose", `got ${JSON.stringify(purpose)}`, purposeSchema.options.join(" or "));
  }
  return parsed.data;
}
