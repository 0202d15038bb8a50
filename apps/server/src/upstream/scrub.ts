/** Longest upstream text passed on to a caller. */
const maxLength = 300;

/**
 * Makes upstream text safe to pass on to a caller: removes the given secrets, anything shaped
 * like a bearer credential or a JWT (MiniMax's keys are JWTs), and control characters, and cuts
 * it to 300 characters.
 */
export function scrubUpstreamText(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) if (secret.length >= 8) scrubbed = scrubbed.replaceAll(secret, "[redacted]");
  scrubbed = scrubbed
    .replace(/\bBearer\s+(?!\[redacted)\S+/gi, "Bearer [redacted]")
    .replace(/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, "[redacted]")
    .replace(/\bsk-[\w-]{8,}/g, "[redacted]")
    // eslint-disable-next-line no-control-regex
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  return scrubbed.length > maxLength ? `${scrubbed.slice(0, maxLength)}…` : scrubbed;
}
