import { InvalidInputError } from "./errors.js";
import { parseFast } from "./fast-parse.js";
import type { components } from "./generated/openapi.js";
import { deletePurposeSchema, listPurposeSchema, purposeSchema } from "./response-schema.js";
import { describeValue } from "./validate.js";

/**
 * What an upload is for: `voice_clone` (a recording of 10 s to 5 min), `prompt_audio` (a clip
 * under 8 s) or `t2a_async_input` (the text input of asynchronous speech: txt or zip).
 */
export type Purpose = components["schemas"]["Purpose"];

/** The purposes `list` takes. */
export type ListPurpose = components["schemas"]["ListPurpose"];

/** The purposes `delete` takes: the upload purposes, `t2a_async` and `video_generation`. */
export type DeletePurpose = components["schemas"]["DeletePurpose"];

/**
 * Checks a purpose (a JS caller may pass anything), defaulting to `voice_clone`.
 * @param field the option's name in the error, e.g. `purpose` or `preflight.durations.x`
 * @throws InvalidInputError for any value that is not one of the spec's purposes.
 */
export function checkPurpose(purpose: unknown, field = "purpose"): Purpose {
  const parsed = parseFast(purposeSchema, purpose ?? "voice_clone");
  if (!parsed.success) {
    throw new InvalidInputError(field, `got ${describeValue(purpose)}`, purposeSchema.options.join(" or "));
  }
  return parsed.data;
}

/**
 * Checks a required purpose of `list` or `delete` against the spec's values for it.
 * @throws InvalidInputError naming the values, for a missing or unknown one.
 */
export function checkRequiredPurpose<Kind extends "list" | "delete">(
  kind: Kind,
  purpose: unknown,
): Kind extends "list" ? ListPurpose : DeletePurpose {
  const schema = kind === "list" ? listPurposeSchema : deletePurposeSchema;
  const parsed = parseFast(schema, purpose);
  if (!parsed.success) {
    const problem = purpose === undefined ? `${kind} needs a purpose (MiniMax's reference requires it)` : `got ${describeValue(purpose)}`;
    throw new InvalidInputError("purpose", problem, schema.options.join(", "));
  }
  return parsed.data as Kind extends "list" ? ListPurpose : DeletePurpose;
}
