/**
 * How long each kind of process the tests start may take to be ready: the one place these numbers
 * live. They are sized for a busy 2-core machine on which turbo runs every package's typecheck and
 * tests at once (Prism starts in under 4 s alone, in over 10 s there). The start helpers wait this
 * long before failing, and {@link vitestTimeouts} gives every hook and test at least as long.
 */
export const startupBudgetMs = {
  /** A Prism mock of the spec (`startPrism`, the mock package's `startMock`). */
  prism: 60_000,
  /** A Node process: minimax-files-server, a CLI, a script (`startNodeProcess`). */
  node: 30_000,
  /** A real `redis-server` (`startRedis`). */
  redis: 20_000,
  /** Headless Chromium (`launchChromium`). */
  chromium: 60_000,
  /** One run of an encoder making a fixture: ffmpeg, lame or espeak-ng (`encodeTone`, `lameEncode`, `speakWords`). */
  encoder: 60_000,
} as const;

/**
 * The vitest timeouts every package's config uses. A hook may start one process of each kind, so
 * it may take the sum of the budgets; a test may start a few Node processes or encoders in turn.
 */
export const vitestTimeouts = {
  hookTimeout: Object.values(startupBudgetMs).reduce((sum, budget) => sum + budget, 0),
  testTimeout: 2 * startupBudgetMs.node,
} as const;
