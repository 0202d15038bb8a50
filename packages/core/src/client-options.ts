import { InvalidInputError } from "./errors.js";

/** Options of {@link MiniMaxFiles}. Every field is optional where an environment variable can supply it. */
export interface ClientOptions {
  /** The MiniMax API key, sent as `Authorization: Bearer …`. Defaults to `process.env['MINIMAX_API_KEY']`. */
  apiKey?: string | undefined;
  /**
   * Where the upload endpoint lives; the path `/minimax/v1/files/upload` is appended.
   * Defaults to `process.env['MINIMAX_BASE_URL']`.
   */
  baseURL?: string | undefined;
  /** The `fetch` to use. Defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request (the `Authorization` header cannot be overridden here). */
  defaultHeaders?: Record<string, string> | undefined;
}

/** {@link ClientOptions} with every required value present and checked. */
export interface ResolvedClientOptions {
  apiKey: string;
  baseURL: string;
  fetch: typeof fetch;
  defaultHeaders: Record<string, string>;
}

function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}

/**
 * Fills options from the environment and checks them.
 * @throws InvalidInputError naming the missing or malformed option.
 */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  const apiKey = options.apiKey ?? readEnv("MINIMAX_API_KEY");
  if (!apiKey) {
    throw new InvalidInputError("apiKey", "no API key was given", "the apiKey option or the MINIMAX_API_KEY environment variable");
  }
  if (/[\r\n]/.test(apiKey)) {
    throw new InvalidInputError("apiKey", "the API key contains a line break", "a key on one line");
  }
  const baseURL = options.baseURL ?? readEnv("MINIMAX_BASE_URL");
  if (!baseURL) {
    throw new InvalidInputError("baseURL", "no base URL was given", "the baseURL option or the MINIMAX_BASE_URL environment variable");
  }
  let parsed: URL;
  try {
    parsed = new URL(baseURL);
  } catch {
    throw new InvalidInputError("baseURL", `"${baseURL}" is not a URL`, "an http(s) URL such as https://api.example.com");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InvalidInputError("baseURL", `protocol ${parsed.protocol} is not supported`, "an http: or https: URL");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new InvalidInputError("fetch", "no fetch function is available", "a runtime with fetch, or the fetch option");
  }
  return { apiKey, baseURL: baseURL.replace(/\/+$/, ""), fetch: fetchImpl, defaultHeaders: options.defaultHeaders ?? {} };
}
