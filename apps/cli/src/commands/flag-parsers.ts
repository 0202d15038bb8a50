/**
 * Parsers of flag values, for commander: each refuses a malformed value with a message naming the flag.
 * @module
 */
import { InvalidArgumentError } from "commander";

export function wholeNumber(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${option} takes a whole number, got "${value}"`);
    return Number(value);
  };
}

export function seconds(option: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || parsed <= 0)
      throw new InvalidArgumentError(`${option} takes a number of seconds above 0, got "${value}"`);
    return parsed;
  };
}

export function positive(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${option} takes a whole number ≥ 1, got "${value}"`);
    return Number(value);
  };
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
