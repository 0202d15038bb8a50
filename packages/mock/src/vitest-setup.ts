import type {} from "vitest";
import { startMock } from "./prism-mock.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the MiniMax upload mock started for this test run. */
    minimaxMockUrl: string;
  }
}

interface SetupContext {
  provide(key: "minimaxMockUrl", value: string): void;
}

/**
 * Vitest global setup: starts the mock once for the run, provides its URL as
 * `inject("minimaxMockUrl")`, and stops it afterwards.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ["@minimax-files/mock/vitest-setup"] } });
 */
export default async function setup({ provide }: SetupContext): Promise<() => Promise<void>> {
  const mock = await startMock();
  provide("minimaxMockUrl", mock.url);
  return () => mock.stop();
}
