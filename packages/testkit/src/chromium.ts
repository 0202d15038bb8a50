import { type Browser, chromium, type LaunchOptions } from "playwright-core";
import { startupBudgetMs } from "./startup-budgets.js";

/** Debian's `chromium` package (installed by `scripts/system-deps.mjs`); `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** What a root process in a closed network needs: no sandbox, no GPU, and no calls home. */
const quietArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Launches headless Chromium with playwright-core, within the start-up budget. `args` are added to
 * the flags every test needs (a fake microphone, say).
 */
export function launchChromium(
  args: readonly string[] = [],
  options: Omit<LaunchOptions, "args" | "executablePath"> = {},
): Promise<Browser> {
  return chromium.launch({ timeout: startupBudgetMs.chromium, ...options, executablePath: chromiumPath, args: [...quietArgs, ...args] });
}
