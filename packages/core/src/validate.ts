/**
 * The one validation layer for options and parameters: every check throws
 * {@link InvalidInputError} naming the option, what it got and what it expects, before any
 * connection is made.
 * @module
 */
import { InvalidInputError } from "./errors.js";

/** Longest delay a timer can hold (setTimeout fires at once past it). */
export const maxTimerMs = 2 ** 31 - 1;

/** A short, safe description of any value for an error message (never throws, never long). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    case "number":
    case "boolean":
    case "bigint":
      return `${String(value)}${typeof value === "bigint" ? "n" : ""}`;
    case "symbol":
      return value.toString();
    case "function":
      return "a function";
    default: {
      const name = (value as object).constructor?.name;
      return Array.isArray(value) ? "an array" : name && name !== "Object" ? `a ${name}` : "an object";
    }
  }
}

function fail(name: string, value: unknown, expected: string): never {
  throw new InvalidInputError(name, `got ${describeValue(value)}`, expected);
}

/** A whole number from 0 to `max` (a count), or undefined. */
export function checkCount(name: string, value: unknown, max = 1_000): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max)
    fail(name, value, `a whole number from 0 to ${max}`);
  return value;
}

/** A duration in milliseconds a timer can hold: finite, from 0 (or 1) to 2^31 − 1, or undefined. */
export function checkMilliseconds(name: string, value: unknown, { allowZero }: { allowZero: boolean }): number | undefined {
  if (value === undefined) return undefined;
  const min = allowZero ? 0 : 1;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > maxTimerMs) {
    fail(name, value, `a number of milliseconds from ${min} to ${maxTimerMs} (about 24.8 days)`);
  }
  return value;
}

/** A whole number of bytes, at least 1, or undefined. */
export function checkByteCount(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) fail(name, value, "a whole number of bytes, at least 1");
  return value;
}

/** A finite number of seconds, 0 or more, or undefined. */
export function checkSeconds(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) fail(name, value, "a finite number of seconds, 0 or more");
  return value;
}

/** A boolean, or undefined. */
export function checkBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") fail(name, value, "true or false");
  return value;
}

/** A function, or undefined. */
export function checkFunction<T>(name: string, value: T): T {
  if (value !== undefined && typeof value !== "function") fail(name, value, "a function");
  return value;
}

/** An AbortSignal, or undefined. */
export function checkSignal(name: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) fail(name, value, "an AbortSignal");
  return value;
}

/** An HTTP field name: one or more token characters (RFC 9110). */
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A field value HTTP can carry: Latin-1, no control characters but tab (so no CR, LF or NUL). */
const fieldValuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A record of header names to values that HTTP allows, or undefined. Values are never echoed. */
export function checkHeaders(name: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(name, value, "an object of header names to string values");
  for (const [header, headerValue] of Object.entries(value)) {
    if (!tokenPattern.test(header)) {
      throw new InvalidInputError(
        name,
        `the header name ${describeValue(header)} is not a valid HTTP field name`,
        "names of letters, digits and !#$%&'*+-.^_`|~ only (no spaces, colons or line breaks)",
      );
    }
    if (typeof headerValue !== "string")
      throw new InvalidInputError(name, `the value of ${header} is ${describeValue(headerValue)}`, "string values");
    if (!fieldValuePattern.test(headerValue)) {
      throw new InvalidInputError(
        name,
        `the value of ${header} holds a line break, a control character or a character outside Latin-1`,
        "values HTTP can carry (Latin-1 text on one line)",
      );
    }
  }
  return value as Record<string, string>;
}

/** A string that HTTP can carry as a header value, never echoed (it may be a secret). */
export function checkSecretHeaderValue(name: string, value: string, expected: string): string {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    const problem = /[\r\n]/.test(value)
      ? "it contains a line break"
      : /\s/.test(value)
        ? "it contains white space"
        : "it contains a control character or a character outside ASCII";
    throw new InvalidInputError(name, problem, expected);
  }
  return value;
}

/** A string HTTP can carry in a header value (one line, Latin-1), or undefined. */
export function checkHeaderText(name: string, value: unknown, expected: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "" || !fieldValuePattern.test(value)) fail(name, value, expected);
  return value;
}
