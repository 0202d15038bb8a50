import type { Context } from "hono";

/**
 * An answer in MiniMax's own form: every `file_id` a JSON number with every digit (core keeps ids
 * as strings; MiniMax's clients, which read them as numbers, get what MiniMax sends them).
 */
export function minimaxJson(c: Context, value: unknown): Response {
  const text = JSON.stringify(value).replace(/"file_id":"(\d+)"/g, '"file_id":$1');
  return c.body(text, 200, { "Content-Type": "application/json" });
}

/**
 * The digits of a JSON number field of a request body (`file_id`, `prompt_audio`), read from the
 * text so that no digit is lost; undefined when the field is absent or not a number (a string).
 */
export function jsonNumberField(text: string, name: string): string | undefined {
  return new RegExp(`"${name}"\\s*:\\s*(\\d+)\\s*[,}]`).exec(text)?.[1];
}
