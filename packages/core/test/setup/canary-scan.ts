/**
 * Runs every error thrown by any operation (`upload`, and every method of `client.files`) in every
 * test through a canary-key scan: all test keys
 * carry `canaryMarker`, and a test fails when any error shows it in any form (message, stack,
 * any property, the cause chain, `toJSON()`, `String()`, `util.inspect`), wherever the leak
 * comes from. Errors thrown by the constructor are scanned by the tests that provoke them, with
 * {@link findCanary}.
 */
import { inspect } from "node:util";
import { afterEach, expect } from "vitest";
import { MiniMaxFiles } from "../../src/client.js";
import { Files } from "../../src/files/files.js";
import { canaryMarker } from "../canary.js";

/** Every textual form of `error` that could reach a user or a log. */
export function errorForms(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const forms = [String(error), error.stack ?? "", inspect(error, { depth: 10, showHidden: true })];
  const withJson = error as Error & { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") forms.push(JSON.stringify(withJson.toJSON()));
  for (let cause: unknown = error.cause, depth = 0; cause !== undefined && depth < 10; depth++) {
    forms.push(cause instanceof Error ? `${cause.message}\n${cause.stack ?? ""}` : String(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return forms;
}

/** The first form of `error` that shows the canary, if any. */
export function findCanary(error: unknown): string | undefined {
  return errorForms(error).find((form) => form.includes(canaryMarker));
}

const leaks: string[] = [];
const scanned: Array<[object, string]> = [
  ...(["upload", "uploadWithResponse"] as const).map((method): [object, string] => [MiniMaxFiles.prototype, method]),
  ...Object.getOwnPropertyNames(Files.prototype)
    .filter((method) => method !== "constructor")
    .map((method): [object, string] => [Files.prototype, method]),
];
for (const [prototype, method] of scanned) {
  const original = (prototype as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]!;
  Object.defineProperty(prototype, method, {
    configurable: true,
    writable: true,
    value: async function scanned(this: unknown, ...args: unknown[]) {
      try {
        return await original.apply(this, args);
      } catch (error) {
        const leak = findCanary(error);
        if (leak) leaks.push(`${method} threw ${(error as Error).name} showing the key: ${leak.slice(0, 300)}`);
        throw error;
      }
    },
  });
}

afterEach(() => {
  expect(leaks.splice(0), "an error showed the API key").toEqual([]);
});
