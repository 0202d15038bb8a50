import type {} from "vitest";
import { startPrism } from "./mock.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock started for this test run. */
    prismUrl: string;
  }
}

interface SetupContext {
  provide(key: "prismUrl", value: string): void;
}

/**
 * Vitest global setup: starts the Prism mock of `spec/` once for the run, provides its URL as
 * `inject("prismUrl")`, and stops it afterwards.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ["@minimax-files/testkit/vitest-prism-setup"] } });
 */
export default async function setup({ provide }: SetupContext): Promise<() => Promise<void>> {
  const prism = await startPrism();
  provide("prismUrl", prism.url);
  return () => prism.stop();
}
