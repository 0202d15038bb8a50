import { InvalidInputError } from "../errors.js";
import type { FileId } from "../uploaded-file.js";
import { describeValue } from "../validate.js";

/**
 * A file id as a caller may pass it: the string MiniMax's answers give (every digit, exact), a
 * `bigint`, or a `number` only while it is a safe integer (a larger one has already lost digits).
 */
export type FileIdInput = FileId | bigint | number;

const int64Max = 9_223_372_036_854_775_807n;
const expected = "a file id: its digits as a string (as results give it), a bigint, or a safe integer";

/**
 * The id's decimal digits, exactly: what goes into a query string, or a JSON body as a number.
 * Never passes through a JavaScript number.
 * @throws InvalidInputError for anything that is not a positive int64 written exactly.
 */
export function checkFileId(value: unknown, field = "fileId"): string {
  if (typeof value === "string") {
    if (!/^[1-9][0-9]{0,18}$/.test(value) || BigInt(value) > int64Max) {
      throw new InvalidInputError(field, `got ${describeValue(value)}`, `${expected} (1 to ${int64Max}, no sign, spaces or leading zeros)`);
    }
    return value;
  }
  if (typeof value === "bigint") {
    if (value < 1n || value > int64Max) throw new InvalidInputError(field, `got ${value}n`, `${expected} from 1 to ${int64Max}`);
    return value.toString();
  }
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 1) {
      const why = Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER ? " (above 2^53: its last digits are already lost)" : "";
      throw new InvalidInputError(field, `got the number ${value}${why}`, `${expected}; pass large ids as the string results give`);
    }
    return String(value);
  }
  throw new InvalidInputError(field, `got ${describeValue(value)}`, expected);
}
