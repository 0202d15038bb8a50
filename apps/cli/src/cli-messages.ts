import type { InvalidInputError } from "@minimax-files/core";

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
};

/**
 * Rewrites a core input error in the CLI's own terms: option names become the flags or
 * environment variables that set them (`timeout` → `--timeout`), and the pre-flight advice names
 * `--no-preflight` instead of the library's `preflight: false`.
 */
export function inCliTerms(error: InvalidInputError): string {
  const flag = flagByField[error.field];
  let message = flag ? error.message.replace(`Invalid ${error.field}:`, `Invalid ${flag}:`) : error.message;
  message = message
    .replace("Pass preflight: false to skip the checks", "Use --no-preflight to send it unchecked")
    .replace(/Pass convert: true to convert it to WAV \(needs ffmpeg\), or preflight: false to send it unchecked/, "Use --convert to convert it to WAV (needs ffmpeg), or --no-preflight to send it unchecked")
    .replace(/Pass trimTo: ([\d.]+) to cut it \(needs ffmpeg\), or preflight: false to send it unchecked/, "Use --trim-to $1 to cut it (needs ffmpeg), or --no-preflight to send it unchecked");
  return message;
}
