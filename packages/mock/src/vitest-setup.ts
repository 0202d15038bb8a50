import type {} from "vitest";
import { startFilesFake } from "./files-fake.js";
import { startMock } from "./prism-mock.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock of the spec started for this test run. */
    minimaxMockUrl: string;
    /** Base URL of the stateful fake of the Files API started for this test run (shared by every test file). */
    minimaxFilesFakeUrl: string;
  }
}

interface SetupContext {
  provide(key: "minimaxMockUrl" | "minimaxFilesFakeUrl", value: string): void;
}

/**
 * Vitest global setup: starts the Prism mock and the stateful fake of the Files API once for the
 * run, provides their URLs as `inject("minimaxMockUrl")` and `inject("minimaxFilesFakeUrl")`, and
 * stops them afterwards.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ["@minimax-files/mock/vitest-setup"] } });
 */
export default async function setup({ provide }: SetupContext): Promise<() => Promise<void>> {
  const [mock, fake] = await Promise.all([startMock(), startFilesFake()]);
  provide("minimaxMockUrl", mock.url);
  provide("minimaxFilesFakeUrl", fake.url);
  return async () => {
    await Promise.all([mock.stop(), fake.close()]);
  };
}
