const redacted = "[redacted API key]";

/** Shorter strings are no real key, and replacing them would only mangle messages. */
const minimumSecretLength = 8;

/**
 * The one redaction layer: removes every occurrence of `secret` (as is, and URL-encoded) from an
 * error and everything it carries: its message and stack, every string property (`statusMessage`,
 * `bodySnippet`, `found`, …), and its whole `cause` chain, so that neither `toJSON()`,
 * `util.inspect` nor a logger can show it, whatever the upstream echoed or the caller mistyped.
 */
export function redactSecret<T>(error: T, secret: string): T {
  if (secret.length < minimumSecretLength) return error;
  const forms = [...new Set([secret, encodeURIComponent(secret)])];
  const scrub = (text: string) => forms.reduce((result, form) => result.replaceAll(form, redacted), text);
  redactObject(error, scrub, new Set());
  return error;
}

function redactObject(value: unknown, scrub: (text: string) => string, seen: Set<object>): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !("value" in descriptor)) continue;
    const current = descriptor.value as unknown;
    if (typeof current === "string") {
      const clean = scrub(current);
      if (clean !== current) Object.defineProperty(value, key, { ...descriptor, value: clean });
    } else if (current !== null && typeof current === "object" && (key === "cause" || current instanceof Error || isPlainData(current))) {
      redactObject(current, scrub, seen);
    }
  }
}

/** Plain objects and arrays an error may carry (details, `errors`), but never a Response or a stream. */
function isPlainData(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}
