const redacted = "[redacted API key]";

/** Shorter strings are no real key, and replacing them would only mangle messages. */
const minimumSecretLength = 8;

/**
 * Removes every occurrence of `secret` from an error's message and stack, so a key that the
 * caller passed by mistake where a value is echoed (a purpose, a path) never reaches a log.
 */
export function redactSecret<T>(error: T, secret: string): T {
  if (error instanceof Error && secret.length >= minimumSecretLength) {
    if (error.message.includes(secret)) error.message = error.message.replaceAll(secret, redacted);
    if (error.stack?.includes(secret)) error.stack = error.stack.replaceAll(secret, redacted);
  }
  return error;
}
