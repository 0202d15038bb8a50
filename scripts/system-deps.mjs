#!/usr/bin/env node
/**
 * Makes sure the programs the tests start are installed, before any test runs: `pnpm test` (and so
 * `.ci/run`) calls it first. On Debian or Ubuntu, as root or with password-less sudo, it installs
 * what is missing with apt-get. Anywhere else it installs nothing and exits 1 with one line that
 * names each missing program and the exact command that installs it.
 *
 *   node scripts/system-deps.mjs           check, and install what is missing where it can
 *   node scripts/system-deps.mjs --check   check only; never installs
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** What the tests run, and the Debian package of each. The order is the order of the messages. */
const systemTools = [
  { command: "ffmpeg", debian: "ffmpeg", brew: "ffmpeg", for: "audio fixtures and conversion" },
  { command: "lame", debian: "lame", brew: "lame", for: "MP3 fixtures" },
  { command: "espeak-ng", debian: "espeak-ng", brew: "espeak-ng", for: "speech fixtures" },
  { command: "redis-server", debian: "redis-server", brew: "redis", for: "limits shared by server instances" },
  { command: "chromium", debian: "chromium", brew: "--cask chromium", for: "browser tests" },
  { command: "script", debian: "bsdutils", brew: null, for: "terminal tests of the CLI" },
];

/** True when `command` is an executable file in one of PATH's folders. */
function onPath(command, path = process.env["PATH"] ?? "") {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((folder) => {
      try {
        accessSync(join(folder, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

const succeeds = (command, args) => spawnSync(command, args, { stdio: "ignore" }).status === 0;

/** How this machine installs Debian packages: `[]` as root, `["sudo"]` with password-less sudo, else null. */
function aptPrefix() {
  if (!onPath("apt-get") || !existsSync("/etc/debian_version")) return null;
  if (process.getuid?.() === 0) return [];
  return onPath("sudo") && succeeds("sudo", ["-n", "true"]) ? ["sudo"] : null;
}

/** The exact command a person would type to install `missing` here. */
function installAdvice(missing) {
  if (onPath("apt-get")) return `sudo apt-get install -y ${missing.map((tool) => tool.debian).join(" ")}`;
  const brewable = missing.filter((tool) => tool.brew);
  if (process.platform === "darwin" && brewable.length === missing.length) {
    return brewable.map((tool) => `brew install ${tool.brew}`).join(" && ");
  }
  return `install the Debian packages ${missing.map((tool) => tool.debian).join(", ")} (or your system's equivalents)`;
}

function install(prefix, packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    const [command, ...rest] = [...prefix, "apt-get", ...args];
    return spawnSync(command, rest, { stdio: ["ignore", "ignore", "inherit"], env }).status === 0;
  };
  return run(["update", "-qq"]) && run(["install", "-y", "-qq", "--no-install-recommends", ...packages]);
}

function main() {
  const checkOnly = process.argv.includes("--check");
  let missing = systemTools.filter((tool) => !onPath(tool.command));
  if (missing.length === 0) return 0;

  const prefix = checkOnly ? null : aptPrefix();
  if (prefix) {
    const packages = missing.map((tool) => tool.debian);
    console.log(
      `system-deps: installing ${packages.join(", ")} with apt-get (${missing.map((tool) => `${tool.command}: ${tool.for}`).join("; ")})`,
    );
    install(prefix, packages);
    missing = missing.filter((tool) => !onPath(tool.command));
    if (missing.length === 0) return 0;
  }
  const names = missing.map((tool) => `${tool.command} (${tool.for})`).join(", ");
  console.error(`system-deps: the tests need ${names}, which are not installed; install them with: ${installAdvice(missing)}`);
  return 1;
}

process.exitCode = main();
