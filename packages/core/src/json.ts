import { isLosslessNumber, parse } from "lossless-json";

const longDigits = /\d{16}/;

/**
 * Parses a response body without passing `file_id` through a double: a numeric `file_id` comes
 * back as the exact digits the server sent (`123456789012345678` stays `"123456789012345678"`,
 * where `JSON.parse` would give 123456789012345680). Other numbers become ordinary numbers.
 *
 * @throws SyntaxError when the text is not JSON.
 */
export function parseResponseJson(text: string): unknown {
  // Without a run of 16 digits every number is exact as a double: the built-in parser will do.
  if (!longDigits.test(text)) return idsAsDigits(JSON.parse(text));
  return parse(text, (key, value) => {
    if (!isLosslessNumber(value)) return value;
    return key === "file_id" ? value.value : Number(value.value);
  });
}

/** Every numeric `file_id` in `value` as its digits (a walk: `JSON.parse` with a reviver is several times slower). */
function idsAsDigits(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const item of value) idsAsDigits(item);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const field = record[key];
      if (key === "file_id" && typeof field === "number") record[key] = String(field);
      else if (typeof field === "object") idsAsDigits(field);
    }
  }
  return value;
}
