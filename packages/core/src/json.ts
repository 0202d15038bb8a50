import { isLosslessNumber, parse } from "lossless-json";

/**
 * Parses a response body without passing `file_id` through a double: a numeric `file_id` comes
 * back as the exact digits the server sent (`123456789012345678` stays `"123456789012345678"`,
 * where `JSON.parse` would give 123456789012345680). Other numbers become ordinary numbers.
 *
 * @throws SyntaxError when the text is not JSON.
 */
export function parseResponseJson(text: string): unknown {
  // The built-in parser, unless an id came out past 2^53 - 1 (only then can a double have lost digits).
  const value: unknown = JSON.parse(text);
  if (idsAsDigits(value)) return value;
  return parse(text, (key, parsed) => {
    if (!isLosslessNumber(parsed)) return parsed;
    return key === "file_id" ? parsed.value : Number(parsed.value);
  });
}

/**
 * Turns every numeric `file_id` in `value` into its digits (a walk: `JSON.parse` with a reviver
 * is several times slower); false when one is not a safe integer, whose digits a double may not hold.
 */
function idsAsDigits(value: unknown): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (!idsAsDigits(item)) return false;
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const field = record[key];
      if (key === "file_id" && typeof field === "number") {
        if (!Number.isSafeInteger(field)) return false;
        record[key] = String(field);
      } else if (typeof field === "object" && !idsAsDigits(field)) return false;
    }
  }
  return true;
}
