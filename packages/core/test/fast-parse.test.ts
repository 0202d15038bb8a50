/**
 * `parseFast` answers as zod's `safeParse` does, for every answer schema and thousands of values
 * around each (fields dropped, added, reordered, of other types, ids past 2^53): the same success,
 * the same data in the same key order, the same error. The shortcut is taken for an answer zod
 * returns unchanged, and never for a schema with a part it cannot tell.
 */
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { parseFast } from "../src/fast-parse.js";
import {
  deleteResponseWireSchema,
  errorResponseWireSchema,
  listPurposeSchema,
  listResponseWireSchema,
  retrieveResponseWireSchema,
  uploadResponseWireSchema,
  voiceCloneResponseWireSchema,
} from "../src/response-schema.js";

const ok = { status_code: 0, status_msg: "success" };
const file = { file_id: "362854771301234", bytes: 102400, created_at: 1700000000, filename: "voice.wav", purpose: "voice_clone" };

const samples: [string, z.ZodType, unknown][] = [
  ["upload", uploadResponseWireSchema, { file, base_resp: ok }],
  ["list", listResponseWireSchema, { files: [file, { ...file, file_id: "2" }], base_resp: ok }],
  ["retrieve", retrieveResponseWireSchema, { file: { ...file, download_url: "https://cdn.example/f.wav" }, base_resp: ok }],
  ["delete", deleteResponseWireSchema, { file_id: "362854771301234", base_resp: ok }],
  ["error", errorResponseWireSchema, { base_resp: { status_code: 1004, status_msg: "auth failed" } }],
  [
    "voice clone",
    voiceCloneResponseWireSchema,
    { input_sensitive: false, input_sensitive_type: 0, demo_audio: "https://cdn.example/d.mp3", extra_info: { a: 1 }, base_resp: ok },
  ],
];

/** A small seeded generator, so that a failure is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const others: unknown[] = ["", "x", 0, -1, 1.5, 2 ** 53, 2 ** 60, true, false, null, [], {}, [1], { file_id: 1 }, undefined, "__proto__"];

/** `value` with one random change somewhere inside it. */
function mutate(value: unknown, next: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  if (Array.isArray(value)) {
    if (value.length === 0 || next() < 0.2) return [...value, pick(others)];
    const copy = [...value];
    const at = Math.floor(next() * copy.length);
    copy[at] = mutate(copy[at], next);
    return copy;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    const roll = next();
    if (roll < 0.15 && entries.length > 0)
      entries.splice(Math.floor(next() * entries.length), 1); // a key dropped
    else if (roll < 0.3)
      entries.splice(Math.floor(next() * (entries.length + 1)), 0, [pick(["extra", "file", "__proto__", "0"]), pick(others)]);
    else if (roll < 0.4 && entries.length > 1)
      entries.reverse(); // the keys in another order
    else if (entries.length > 0) {
      const at = Math.floor(next() * entries.length);
      entries[at] = [entries[at]![0], next() < 0.5 ? pick(others) : mutate(entries[at]![1], next)];
    }
    const object: Record<string, unknown> = {};
    for (const [key, item] of entries)
      Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true });
    return object;
  }
  return pick(others);
}

/** Asserts that `parseFast` and zod agree on `value`; returns whether the shortcut returned `value` itself. */
function expectSameAsZod(schema: z.ZodType, value: unknown): boolean {
  const fast = parseFast(schema, value);
  const zod = schema.safeParse(value);
  expect(fast.success).toBe(zod.success);
  if (fast.success && zod.success) {
    expect(fast.data).toEqual(zod.data);
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(zod.data));
    expect(Object.getPrototypeOf(fast.data)).toBe(Object.getPrototypeOf(zod.data));
  } else {
    expect(fast.error?.issues).toEqual(zod.error?.issues);
  }
  return fast.success && fast.data === value;
}

describe.each(samples)("%s answers", (_, schema, sample) => {
  test("an answer zod returns unchanged is taken as it is", () => {
    expect(expectSameAsZod(schema, structuredClone(sample))).toBe(true);
  });

  test("3,000 answers around it: parseFast says what zod says", () => {
    const next = random(42);
    let shortcuts = 0;
    for (let i = 0; i < 3000; i++) {
      let value: unknown = structuredClone(sample);
      for (let changes = 1 + Math.floor(next() * 3); changes > 0; changes--) value = mutate(value, next);
      if (expectSameAsZod(schema, value)) shortcuts++;
    }
    expect(shortcuts).toBeLessThan(3000); // most changes break the shape
  });
});

test("an unknown key, or known keys out of the schema's order, go to zod (which strips and reorders)", () => {
  const withExtra = { ...structuredClone(samples[0]![2] as object), extra: 1 };
  expect(expectSameAsZod(uploadResponseWireSchema, withExtra)).toBe(false);
  const reordered = { base_resp: ok, file };
  expect(expectSameAsZod(uploadResponseWireSchema, reordered)).toBe(false);
});

test("an id past 2^53 as a number is zod's to refuse", () => {
  expect(expectSameAsZod(uploadResponseWireSchema, { file: { file_id: 2 ** 60 }, base_resp: ok })).toBe(false);
});

test("enums: a listed value is taken as it is, any other is zod's error", () => {
  expect(expectSameAsZod(listPurposeSchema, "voice_clone")).toBe(true);
  expect(expectSameAsZod(listPurposeSchema, "music")).toBe(false);
  expect(expectSameAsZod(listPurposeSchema, undefined)).toBe(false);
});

test("a schema with a part the check cannot tell is zod's as a whole, even where that part is not reached", () => {
  const trimming = z.object({ a: z.union([z.string().trim(), z.string()]) });
  expect(expectSameAsZod(trimming, { a: " x " })).toBe(false);
  const refined = z.object({ a: z.string(), b: z.object({ c: z.number().positive() }).optional() });
  expect(expectSameAsZod(refined, { a: "x" })).toBe(false);
});

test("a record with a __proto__ key is zod's (its result is built by assignment)", () => {
  const schema = z.object({ extra_info: z.record(z.string(), z.unknown()) });
  expect(expectSameAsZod(schema, JSON.parse('{"extra_info":{"__proto__":{"polluted":true}}}'))).toBe(false);
  expect(expectSameAsZod(schema, { extra_info: { a: 1 } })).toBe(true);
});
