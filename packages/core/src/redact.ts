const redacted = "[redacted API key]";

/**
 * Removes every occurrence of `secret` from an error's message and stack, so a key that the
 * caller passed by mistake where a value is echoed (a purpose, a path) never reaches a log.
 */
export function redactSecret<T>(error: T, secret: string): T {
  if (error instanceof Error && secret) {
    if (error.message.includes(secret)) error.message = error.message.replaceAll(secret, redacted);
    if (error.stack?.includes(secret)) error.stack = error.stack.replaceAll(secret, redacted);
  }
  return error;
}
