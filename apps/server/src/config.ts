import { readFileSync } from "node:fs";
import { type Caller, type CallerLimits, sha256Hex } from "./callers/callers.js";

/** What the server needs to run, read from its environment by {@link readServerConfig}. */
export interface ServerConfig {
  /** Upstream base URL (`MINIMAX_BASE_URL`). */
  upstreamBaseURL: string;
  /** Upstream MiniMax API key (`MINIMAX_API_KEY`); never accepted from callers, never sent back. */
  upstreamApiKey: string;
  /** Plain bearer tokens callers present, when given in plain (for scrubbing logs); hashed ones are not here. */
  callerTokens: string[];
  /** The named callers, with their limits (`MINIMAX_FILES_SERVER_TOKENS`, `MINIMAX_FILES_CALLERS_FILE`). */
  callers?: Caller[] | undefined;
  /** Interface to listen on (`HOST`, default 127.0.0.1). */
  host: string;
  /** Port to listen on (`PORT`, default 8787; 0 picks a free one). */
  port: number;
  /** Largest request body accepted, in bytes (`MINIMAX_FILES_MAX_BODY_BYTES`, default 21 MiB). */
  maxBodyBytes: number;
  /** Requests in flight at once; more wait in the queue (`MINIMAX_FILES_MAX_CONCURRENT_UPLOADS`, default 64). */
  maxConcurrentUploads: number;
  /** Requests that may wait for capacity at once; more are answered 503 (`MINIMAX_FILES_QUEUE_LENGTH`, default 1024; 0: none wait). */
  queueLength?: number | undefined;
  /** Longest a request waits for capacity before 503 (`MINIMAX_FILES_QUEUE_WAIT_MS`, default 30000). */
  queueWaitMs?: number | undefined;
  /** How long a caller may send nothing mid-body before the upload is dropped with 408 (`MINIMAX_FILES_IDLE_TIMEOUT_MS`, default 30 s). */
  idleTimeoutMs: number;
  /** How long one upstream upload may take (`MINIMAX_FILES_UPSTREAM_TIMEOUT_MS`, default 10 min). */
  upstreamTimeoutMs: number;
  /** On SIGTERM/SIGINT, how long in-flight uploads may go on before they are aborted (`MINIMAX_FILES_DRAIN_TIMEOUT_MS`, default 25 s). */
  drainTimeoutMs: number;
  /** Uploads per minute the whole deployment may send upstream (`MINIMAX_FILES_UPSTREAM_RPM`, default 60, MiniMax's account limit). */
  upstreamRequestsPerMinute?: number | undefined;
  /** Where limits are shared between instances (`REDIS_URL`); in memory when unset. */
  redisURL?: string | undefined;
  /** Log level (`LOG_LEVEL`, default info). */
  logLevel?: LogLevelName | undefined;
  /** Signs short-lived upload tokens for web pages (`MINIMAX_FILES_UPLOAD_TOKEN_SECRET`); tokens are off when unset. */
  uploadTokenSecret?: string | undefined;
  /** Origins whose pages may call the server (`CORS_ORIGINS`; `*` for any); none when empty. */
  corsOrigins?: string[] | undefined;
  /** Whether those pages may send credentials (`CORS_ALLOW_CREDENTIALS`); never with `*`. */
  corsAllowCredentials?: boolean | undefined;
  /** Convert audio MiniMax does not take to WAV with ffmpeg (`MINIMAX_FILES_CONVERT`). */
  convert?: boolean | undefined;
  /** Serve the recording page at `/record` (`MINIMAX_FILES_RECORD_PAGE`). */
  recordPage?: boolean | undefined;
}

/** pino's levels. */
export type LogLevelName = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** The configuration is incomplete or contradictory; `problems` has one line per variable at fault. */
export class ServerConfigError extends Error {
  override name = "ServerConfigError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** The defaults of the optional settings, by variable. */
export const configDefaults = {
  HOST: "127.0.0.1",
  PORT: 8787,
  MINIMAX_FILES_MAX_BODY_BYTES: 21 * 1024 * 1024, // MiniMax's 20 MB file limit plus multipart overhead
  MINIMAX_FILES_MAX_CONCURRENT_UPLOADS: 64,
  MINIMAX_FILES_QUEUE_LENGTH: 1024,
  MINIMAX_FILES_QUEUE_WAIT_MS: 30_000,
  MINIMAX_FILES_IDLE_TIMEOUT_MS: 30_000,
  MINIMAX_FILES_UPSTREAM_TIMEOUT_MS: 10 * 60_000,
  MINIMAX_FILES_DRAIN_TIMEOUT_MS: 25_000,
  MINIMAX_FILES_CALLER_RPM: 30,
  MINIMAX_FILES_CALLER_CONCURRENCY: 4,
  MINIMAX_FILES_UPSTREAM_RPM: 60,
  LOG_LEVEL: "info",
} as const;

/** Every variable the server reads, with its default and meaning: the one list `--help` prints. */
export const configVariables: ReadonlyArray<{ name: string; default: string; description: string }> = [
  { name: "MINIMAX_API_KEY", default: "(required)", description: "MiniMax API key the server uploads with; never accepted from callers" },
  { name: "MINIMAX_BASE_URL", default: "(required)", description: "upstream base URL, e.g. https://api.minimax.io" },
  {
    name: "MINIMAX_FILES_SERVER_TOKENS",
    default: "(required unless MINIMAX_FILES_CALLERS_FILE)",
    description: "callers, comma-separated: name:token, name:sha256:<hex digest of the token>, or a bare token (named caller-N)",
  },
  {
    name: "MINIMAX_FILES_CALLERS_FILE",
    default: "(none)",
    description: "JSON file: [{ name, token | tokenSha256, requestsPerMinute?, concurrentUploads?, admin? }]; an admin sees every file",
  },
  {
    name: "MINIMAX_FILES_CALLER_RPM",
    default: String(configDefaults.MINIMAX_FILES_CALLER_RPM),
    description: "uploads per minute per caller (429 + Retry-After beyond)",
  },
  {
    name: "MINIMAX_FILES_CALLER_CONCURRENCY",
    default: String(configDefaults.MINIMAX_FILES_CALLER_CONCURRENCY),
    description: "uploads in flight per caller (429 beyond)",
  },
  {
    name: "MINIMAX_FILES_CALLER_LIMITS",
    default: "(none)",
    description: "per-caller overrides, e.g. alice=rpm:10/concurrency:2,bob=rpm:120",
  },
  {
    name: "MINIMAX_FILES_UPSTREAM_RPM",
    default: String(configDefaults.MINIMAX_FILES_UPSTREAM_RPM),
    description: "uploads per minute the whole deployment sends upstream (MiniMax's account limit; 429 + Retry-After beyond)",
  },
  {
    name: "REDIS_URL",
    default: "(none: limits in memory)",
    description: "Redis shared by all instances for the limits, e.g. redis://10.0.0.5:6379",
  },
  {
    name: "MINIMAX_FILES_CONVERT",
    default: "false",
    description:
      "convert audio MiniMax does not take (FLAC, Ogg, Opus, WebM, …) to WAV, or MP3 above 20 MB, with ffmpeg (which must be on PATH " +
      "or FFMPEG_PATH)",
  },
  {
    name: "MINIMAX_FILES_RECORD_PAGE",
    default: "false",
    description: "serve the recording page at /record (record, convert to WAV in the browser, upload with an upload token)",
  },
  {
    name: "MINIMAX_FILES_UPLOAD_TOKEN_SECRET",
    default: "(none: upload tokens off)",
    description: "at least 32 random bytes; enables POST /v1/upload-tokens, which mints short-lived tokens for web pages",
  },
  {
    name: "CORS_ORIGINS",
    default: "(none)",
    description: "origins whose pages may call the server, comma-separated, e.g. https://app.example.com (* for any)",
  },
  {
    name: "CORS_ALLOW_CREDENTIALS",
    default: "false",
    description: "let those pages send credentials (cookies); refused together with CORS_ORIGINS=*",
  },
  { name: "HOST", default: configDefaults.HOST, description: "interface to listen on" },
  { name: "PORT", default: String(configDefaults.PORT), description: "port to listen on (0 picks a free one)" },
  {
    name: "MINIMAX_FILES_MAX_BODY_BYTES",
    default: String(configDefaults.MINIMAX_FILES_MAX_BODY_BYTES),
    description: "largest request body, in bytes (413 beyond)",
  },
  {
    name: "MINIMAX_FILES_MAX_CONCURRENT_UPLOADS",
    default: String(configDefaults.MINIMAX_FILES_MAX_CONCURRENT_UPLOADS),
    description: "requests in flight on this instance (uploads and downloads); more wait in the queue",
  },
  {
    name: "MINIMAX_FILES_QUEUE_LENGTH",
    default: String(configDefaults.MINIMAX_FILES_QUEUE_LENGTH),
    description: "requests that may wait for a place at once, their bodies unread (503 + Retry-After beyond; 0: none wait)",
  },
  {
    name: "MINIMAX_FILES_QUEUE_WAIT_MS",
    default: String(configDefaults.MINIMAX_FILES_QUEUE_WAIT_MS),
    description: "longest a request waits for a place before 503 + Retry-After",
  },
  {
    name: "MINIMAX_FILES_IDLE_TIMEOUT_MS",
    default: String(configDefaults.MINIMAX_FILES_IDLE_TIMEOUT_MS),
    description: "longest pause mid-body before the upload is dropped with 408",
  },
  {
    name: "MINIMAX_FILES_UPSTREAM_TIMEOUT_MS",
    default: String(configDefaults.MINIMAX_FILES_UPSTREAM_TIMEOUT_MS),
    description: "longest an upstream upload may take (504 beyond)",
  },
  {
    name: "MINIMAX_FILES_DRAIN_TIMEOUT_MS",
    default: String(configDefaults.MINIMAX_FILES_DRAIN_TIMEOUT_MS),
    description: "on SIGTERM/SIGINT, how long uploads in flight may finish",
  },
  {
    name: "LOG_LEVEL",
    default: configDefaults.LOG_LEVEL,
    description: "fatal, error, warn, info, debug, trace or silent (JSON lines on stdout)",
  },
];

type Env = Record<string, string | undefined>;
type IntegerName = Exclude<keyof typeof configDefaults, "HOST" | "LOG_LEVEL">;

/** Longest delay a Node.js timer can hold. */
const maxTimerMs = 2 ** 31 - 1;
const logLevels = new Set<string>(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
const callerName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Reads and checks the server's configuration, collecting every problem.
 * @throws ServerConfigError with one line per missing or invalid variable.
 */
export function readServerConfig(env: Env): ServerConfig {
  const problems: string[] = [];
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? "";
  };
  const integer = (name: IntegerName, min: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return configDefaults[name];
    const value = Number(raw);
    const max = name === "PORT" ? 65_535 : name.endsWith("_MS") ? maxTimerMs : Number.MAX_SAFE_INTEGER;
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return configDefaults[name];
    }
    return value;
  };

  const upstreamApiKey = required("MINIMAX_API_KEY");
  const upstreamBaseURL = required("MINIMAX_BASE_URL");
  if (upstreamBaseURL && !/^https?:\/\/[^/]/.test(upstreamBaseURL))
    problems.push(`MINIMAX_BASE_URL must be an http(s) URL, got "${upstreamBaseURL}"`);
  const defaults: CallerLimits = {
    requestsPerMinute: integer("MINIMAX_FILES_CALLER_RPM", 1),
    concurrentUploads: integer("MINIMAX_FILES_CALLER_CONCURRENCY", 1),
  };
  const { callers, plainTokens } = readCallers(env, defaults, problems);
  if (upstreamApiKey && plainTokens.includes(upstreamApiKey))
    problems.push("MINIMAX_FILES_SERVER_TOKENS must not contain the upstream MINIMAX_API_KEY");
  applyOverrides(env["MINIMAX_FILES_CALLER_LIMITS"], callers, problems);
  const logLevel = (env["LOG_LEVEL"]?.trim().toLowerCase() || configDefaults.LOG_LEVEL) as LogLevelName;
  if (!logLevels.has(logLevel)) problems.push(`LOG_LEVEL must be one of ${[...logLevels].join(", ")}, got "${env["LOG_LEVEL"]}"`);
  const redisURL = env["REDIS_URL"]?.trim() || undefined;
  if (redisURL && !/^rediss?:\/\/./.test(redisURL))
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL, got "${redisURL.replace(/\/\/[^@]*@/, "//…@")}"`);

  const uploadTokenSecret = env["MINIMAX_FILES_UPLOAD_TOKEN_SECRET"]?.trim() || undefined;
  if (uploadTokenSecret !== undefined && new TextEncoder().encode(uploadTokenSecret).length < 32)
    problems.push("MINIMAX_FILES_UPLOAD_TOKEN_SECRET must be at least 32 bytes of random text");
  if (uploadTokenSecret !== undefined && (uploadTokenSecret === upstreamApiKey || plainTokens.includes(uploadTokenSecret))) {
    problems.push("MINIMAX_FILES_UPLOAD_TOKEN_SECRET must differ from MINIMAX_API_KEY and every caller token");
  }
  const corsOrigins = (env["CORS_ORIGINS"] ?? "")
    .split(",")
    .map((origin) => origin.trim().replace(/\/$/, ""))
    .filter(Boolean);
  for (const origin of corsOrigins)
    if (origin !== "*" && !/^https?:\/\/[^/\s]+$/.test(origin))
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin (expected scheme://host[:port], e.g. https://app.example.com)`);
  const credentialsRaw = env["CORS_ALLOW_CREDENTIALS"]?.trim().toLowerCase() || "false";
  if (credentialsRaw !== "true" && credentialsRaw !== "false")
    problems.push(`CORS_ALLOW_CREDENTIALS must be true or false, got "${env["CORS_ALLOW_CREDENTIALS"]}"`);
  const corsAllowCredentials = credentialsRaw === "true";
  const flag = (name: string): boolean => {
    const raw = env[name]?.trim().toLowerCase() || "false";
    if (raw !== "true" && raw !== "false") problems.push(`${name} must be true or false, got "${env[name]}"`);
    return raw === "true";
  };
  const convert = flag("MINIMAX_FILES_CONVERT");
  const recordPage = flag("MINIMAX_FILES_RECORD_PAGE");
  if (corsAllowCredentials && corsOrigins.includes("*"))
    problems.push("CORS_ORIGINS=* cannot be used with CORS_ALLOW_CREDENTIALS=true: list the origins");

  const config: ServerConfig = {
    upstreamBaseURL,
    upstreamApiKey,
    callerTokens: plainTokens,
    callers,
    host: env["HOST"]?.trim() || configDefaults.HOST,
    port: integer("PORT", 0),
    maxBodyBytes: integer("MINIMAX_FILES_MAX_BODY_BYTES", 1),
    maxConcurrentUploads: integer("MINIMAX_FILES_MAX_CONCURRENT_UPLOADS", 1),
    queueLength: integer("MINIMAX_FILES_QUEUE_LENGTH", 0),
    queueWaitMs: integer("MINIMAX_FILES_QUEUE_WAIT_MS", 1),
    idleTimeoutMs: integer("MINIMAX_FILES_IDLE_TIMEOUT_MS", 1),
    upstreamTimeoutMs: integer("MINIMAX_FILES_UPSTREAM_TIMEOUT_MS", 1),
    drainTimeoutMs: integer("MINIMAX_FILES_DRAIN_TIMEOUT_MS", 0),
    upstreamRequestsPerMinute: integer("MINIMAX_FILES_UPSTREAM_RPM", 1),
    redisURL,
    logLevel,
    uploadTokenSecret,
    corsOrigins,
    corsAllowCredentials,
    convert,
    recordPage,
  };
  if (problems.length) throw new ServerConfigError(problems);
  return config;
}

/** Callers from `MINIMAX_FILES_SERVER_TOKENS` and `MINIMAX_FILES_CALLERS_FILE`. */
function readCallers(env: Env, defaults: CallerLimits, problems: string[]): { callers: Caller[]; plainTokens: string[] } {
  const callers: Caller[] = [];
  const plainTokens: string[] = [];
  const add = (name: string, token: { plain: string } | { sha256: string }, limits: Partial<CallerLimits> & { admin?: boolean } = {}) => {
    if (!callerName.test(name)) return problems.push(`caller name "${name}" must be 1-64 letters, digits, ".", "_" or "-"`);
    if (callers.some((caller) => caller.name === name)) return problems.push(`caller "${name}" is named twice`);
    if ("plain" in token) plainTokens.push(token.plain);
    const tokenSha256 = "plain" in token ? sha256Hex(token.plain) : token.sha256.toLowerCase();
    callers.push({ name, tokenSha256, ...defaults, ...limits });
  };
  const entries = (env["MINIMAX_FILES_SERVER_TOKENS"] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const hashed = /^([^:]+):sha256:([0-9a-fA-F]{64})$/.exec(entry);
    const named = /^([^:]+):(.+)$/.exec(entry);
    if (hashed) add(hashed[1]!, { sha256: hashed[2]! });
    else if (/^[^:]+:sha256:/.test(entry))
      problems.push(`MINIMAX_FILES_SERVER_TOKENS entry ${index + 1}: a sha256 digest must be 64 hex digits`);
    else if (named) add(named[1]!, { plain: named[2]! });
    else add(`caller-${index + 1}`, { plain: entry });
  });
  const file = env["MINIMAX_FILES_CALLERS_FILE"]?.trim();
  if (file) {
    let listed: unknown;
    try {
      listed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`MINIMAX_FILES_CALLERS_FILE ${file} cannot be read as JSON (${(error as Error).message})`);
    }
    if (listed !== undefined && !Array.isArray(listed)) problems.push(`MINIMAX_FILES_CALLERS_FILE must hold a JSON array of callers`);
    for (const item of Array.isArray(listed) ? (listed as Array<Record<string, unknown>>) : []) {
      const { name, token, tokenSha256, requestsPerMinute, concurrentUploads, admin } = item ?? {};
      const limits: Partial<CallerLimits> & { admin?: boolean } = {};
      if (requestsPerMinute !== undefined) limits.requestsPerMinute = requestsPerMinute as number;
      if (concurrentUploads !== undefined) limits.concurrentUploads = concurrentUploads as number;
      const badLimit = Object.entries(limits).find(([, value]) => !Number.isSafeInteger(value) || (value as number) < 1);
      if (admin === true) limits.admin = true;
      if (admin !== undefined && typeof admin !== "boolean") {
        problems.push(`MINIMAX_FILES_CALLERS_FILE: caller "${String(name)}" has admin ${JSON.stringify(admin)}, expected true or false`);
        continue;
      }
      if (typeof name !== "string") problems.push(`MINIMAX_FILES_CALLERS_FILE: every caller needs a "name"`);
      else if (badLimit)
        problems.push(
          `MINIMAX_FILES_CALLERS_FILE: caller "${name}" has ${badLimit[0]} ${JSON.stringify(badLimit[1])}, expected a whole number ≥ 1`,
        );
      else if (typeof token === "string" && token) add(name, { plain: token }, limits);
      else if (typeof tokenSha256 === "string" && /^[0-9a-fA-F]{64}$/.test(tokenSha256)) add(name, { sha256: tokenSha256 }, limits);
      else problems.push(`MINIMAX_FILES_CALLERS_FILE: caller "${name}" needs a "token" or a 64-hex-digit "tokenSha256"`);
    }
  }
  if (!entries.length && !file) problems.push("MINIMAX_FILES_SERVER_TOKENS is not set (or set MINIMAX_FILES_CALLERS_FILE)");
  else if (!callers.length && !problems.length)
    problems.push("MINIMAX_FILES_SERVER_TOKENS holds no token (expected comma-separated name:token pairs)");
  return { callers, plainTokens };
}

/** Applies `MINIMAX_FILES_CALLER_LIMITS`, e.g. `alice=rpm:10/concurrency:2,bob=rpm:120`. */
function applyOverrides(raw: string | undefined, callers: Caller[], problems: string[]): void {
  for (const entry of (raw ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name, settings = ""] = entry.split("=", 2);
    const caller = callers.find((candidate) => candidate.name === name?.trim());
    if (!caller) {
      problems.push(`MINIMAX_FILES_CALLER_LIMITS names "${name}", which is no caller`);
      continue;
    }
    for (const setting of settings.split("/")) {
      const match = /^(rpm|concurrency):(\d+)$/.exec(setting.trim());
      if (!match || Number(match[2]) < 1) {
        problems.push(`MINIMAX_FILES_CALLER_LIMITS: "${setting}" for ${name} must be rpm:<n> or concurrency:<n> with n ≥ 1`);
        continue;
      }
      if (match[1] === "rpm") caller.requestsPerMinute = Number(match[2]);
      else caller.concurrentUploads = Number(match[2]);
    }
  }
}
