/**
 * The parameters of a voice clone, checked locally by MiniMax's published rules before anything
 * is sent (not even the uploads): the voice id, the prompt's transcript, the preview and options.
 * @module
 */
import { InvalidInputError } from "../errors.js";
import type { components } from "../generated/openapi.js";
import { cloneModelValues } from "../generated/openapi.js";
import { describeValue } from "../validate.js";
import { voiceIdRules } from "./voice-id-rules.js";

/** A model that can read the preview (`speech-2.8-hd`, …). */
export type CloneModel = components["schemas"]["CloneModel"];

export { voiceIdRules } from "./voice-id-rules.js";

/** Why a voice id breaks MiniMax's rules, or undefined when it keeps them. */
export function voiceIdProblem(voiceId: unknown): string | undefined {
  if (typeof voiceId !== "string") return `got ${describeValue(voiceId)}`;
  if (voiceId.length < 8) return `"${voiceId}" is ${voiceId.length} characters, under 8`;
  if (voiceId.length > 256) return `it is ${voiceId.length} characters, over 256`;
  if (!/^[A-Za-z]/.test(voiceId)) return `"${voiceId.slice(0, 40)}" does not start with a letter`;
  if (/[-_]$/.test(voiceId)) return `"${voiceId.slice(0, 40)}" ends in "${voiceId.at(-1)}"`;
  const other = /[^A-Za-z0-9_-]/.exec(voiceId);
  if (other) return `"${voiceId.slice(0, 40)}" holds "${other[0]}"`;
  return undefined;
}

/** Ending punctuation of a prompt's transcript, in the scripts MiniMax's voices speak. */
const endsInPunctuation = /[.!?;:…。！？；：」』"'”’)）]$/u;

/** Checks a voice id. @throws InvalidInputError naming the rule it breaks. */
export function checkVoiceId(voiceId: unknown, field = "voiceId"): string {
  const problem = voiceIdProblem(voiceId);
  if (problem) throw new InvalidInputError(field, problem, voiceIdRules);
  return voiceId as string;
}

/** Checks a prompt audio's transcript: text ending in punctuation. */
export function checkPromptText(text: unknown): string {
  if (typeof text !== "string" || text.trim() === "")
    throw new InvalidInputError("prompt.text", `got ${describeValue(text)}`, "what is said in the prompt audio, ending in punctuation");
  if (!endsInPunctuation.test(text.trim()))
    throw new InvalidInputError(
      "prompt.text",
      `"${text.trim().slice(-40)}" does not end in punctuation`,
      "the transcript ending in punctuation, e.g. a full stop",
    );
  return text.trim();
}

/** Checks a preview: text of at most 1000 characters, and the model to read it with. */
export function checkPreview(preview: unknown): { text: string; model: CloneModel } | undefined {
  if (preview === undefined) return undefined;
  const { text, model } = (preview ?? {}) as { text?: unknown; model?: unknown };
  if (typeof text !== "string" || text.trim() === "")
    throw new InvalidInputError("preview.text", `got ${describeValue(text)}`, "the text to read in the new voice");
  if ([...text].length > 1000)
    throw new InvalidInputError("preview.text", `it is ${[...text].length} characters`, "at most 1000 characters");
  if (!cloneModelValues.includes(model as CloneModel))
    throw new InvalidInputError(
      "preview.model",
      `got ${describeValue(model)}`,
      `one of ${cloneModelValues.join(", ")} (a preview needs a model)`,
    );
  return { text, model: model as CloneModel };
}

/** Checks `accuracy`: a number from 0 to 1. */
export function checkAccuracy(accuracy: unknown): number | undefined {
  if (accuracy === undefined) return undefined;
  if (typeof accuracy !== "number" || !Number.isFinite(accuracy) || accuracy < 0 || accuracy > 1)
    throw new InvalidInputError("accuracy", `got ${describeValue(accuracy)}`, "a number from 0 to 1 (MiniMax's default: 0.7)");
  return accuracy;
}

/** Checks an optional boolean option. */
export function checkFlag(name: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  throw new InvalidInputError(name, `got ${describeValue(value)}`, "true or false");
}
