import type { AudioPreflightError, InvalidInputError, PreflightRemedy } from "@minimax-files/core";

/** The command-line spelling of each core option or parameter an error can name. */
const flagByField: Record<string, string> = {
  apiKey: "MINIMAX_API_KEY",
  baseURL: "--base-url (or MINIMAX_BASE_URL)",
  purpose: "--purpose",
  filename: "--filename",
  contentType: "--content-type",
  headers: "--header",
  defaultHeaders: "--header",
  timeout: "--timeout",
  maxRetries: "--max-retries",
  file: "<file>",
  region: "--region (or MINIMAX_REGION)",
  convert: "--convert",
  trimTo: "--trim-to",
  fileId: "<file_id>",
  voiceId: "--voice-id",
  "prompt.text": "--prompt-text",
  "prompt.file": "--prompt-audio",
  "preview.text": "--preview",
  "preview.model": "--model",
  path: "--output",
};

/**
 * What to do about refused audio, in the CLI's terms: the flag that would help (`--convert`,
 * `--trim-to`), or turning the checks off.
 */
export function preflightAdvice(remedy: PreflightRemedy | undefined): string {
  if (remedy?.option === "convert") return "Use --convert to convert it to WAV (needs ffmpeg), or --no-preflight to send it unchecked";
  if (remedy?.option === "trimTo")
    return `Use --trim-to ${remedy.seconds} to cut it (needs ffmpeg), or --no-preflight to send it unchecked`;
  return "Use --no-preflight to send it unchecked";
}

/**
 * Rewrites a core input error in the CLI's own terms: option names become the flags or
 * environment variables that set them (`timeout` → `--timeout`), and a pre-flight refusal's
 * advice names the flags (`--convert`, `--trim-to`, `--no-preflight`) instead of the library's options.
 */
export function inCliTerms(error: InvalidInputError): string {
  const refusal = error as Partial<AudioPreflightError>;
  if (typeof refusal.rule === "string") {
    const found = `found ${refusal.found}; allowed: ${refusal.limit}`;
    return `Audio refused before upload (${refusal.rule} check): ${found}. ${preflightAdvice(refusal.remedy)}`;
  }
  return `Invalid ${flagByField[error.field] ?? error.field}: ${error.problem}; expected ${error.expected}`;
}
