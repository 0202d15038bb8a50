/**
 * The flags every command that calls MiniMax shares (where, which region, extra headers,
 * retries, timeout), declared by one function each command calls where it declares its own, and
 * the client and request options they make.
 * @module
 */
import type { MiniMaxFiles, RequestOptions } from "@minimax-files/core";
import { type Command, Option } from "commander";
import type { Core, Facts } from "../core.js";
import type { CliIO } from "../io.js";
import { UsageError } from "../usage-error.js";
import { collect, wholeNumber } from "./flag-parsers.js";

/** The shared flags, as commander parsed them. */
export interface ConnectionOptions {
  baseUrl?: string;
  region?: string;
  header: string[];
  maxRetries?: number;
  timeout?: number;
}

/** Declares the shared flags on `command`. */
export function addConnectionOptions<C extends Command>(command: C, facts: Facts): C {
  command
    .option("--base-url <url>", "where the API lives (default: $MINIMAX_BASE_URL, else the region's host)")
    .addOption(
      new Option("--region <region>", "MiniMax's host to use when no base URL is given (default: $MINIMAX_REGION, else global)").choices(
        facts.regions,
      ),
    )
    .option("-H, --header <header>", "extra request header 'Name: value' (repeatable)", collect, [])
    .option("--max-retries <count>", "retries after a retryable failure (default: 2)", wholeNumber("--max-retries"))
    .option("--timeout <ms>", "time each attempt may take, in milliseconds (default: 600000)", wholeNumber("--timeout"));
  return command;
}

/** The client the shared flags and the environment describe. */
export function clientFor(options: ConnectionOptions, io: CliIO, core: Core): MiniMaxFiles {
  return new core.MiniMaxFiles({
    apiKey: io.env["MINIMAX_API_KEY"],
    baseURL: options.baseUrl ?? io.env["MINIMAX_BASE_URL"],
    region: (options.region ?? io.env["MINIMAX_REGION"]) as never,
  });
}

/** The per-call options the shared flags set. */
export function requestOptionsFor(options: ConnectionOptions): RequestOptions {
  return { headers: parseHeaders(options.header), maxRetries: options.maxRetries, timeout: options.timeout };
}

/** `Name: value` lines as headers. */
export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new UsageError(`--header "${line}" has no name; expected 'Name: value'`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
