import { configVariables, readServerConfig, ServerConfigError } from "./config.js";
import { fixHeapGrowing } from "./lifecycle/heap-growth.js";
import { createServerLogger } from "./observability/logger.js";
import { startServer } from "./start-server.js";

const usage = `Usage: minimax-files-server [--help] [--version]

Serves MiniMax's upload endpoint (POST /minimax/v1/files/upload) with the server's own API key,
to callers holding one of its tokens. Configured by environment variables:

${configVariables.map((variable) => `  ${variable.name}\n      ${variable.description}\n      default: ${variable.default}`).join("\n")}

Endpoints: /healthz, /readyz, /metrics, /docs, /openapi.json, /openapi.yaml.
Logs: one JSON line per request on stdout.
`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(usage);
} else if (args.includes("--version")) {
  const { createRequire } = await import("node:module");
  process.stdout.write(`${(createRequire(import.meta.url)("../package.json") as { version: string }).version}\n`);
} else if (args.length) {
  process.stderr.write(`minimax-files-server: unknown argument ${JSON.stringify(args[0])}\n\n${usage}`);
  process.exitCode = 2;
} else {
  await run();
}

async function run(): Promise<void> {
  // Before the first upload: see lifecycle/heap-growth.ts (an embedding process keeps its own).
  fixHeapGrowing();
  let config;
  try {
    config = readServerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ServerConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`minimax-files-server: configuration: ${problem}\n`);
    process.stderr.write("Run minimax-files-server --help for every variable.\n");
    process.exitCode = 1;
    return;
  }
  const log = createServerLogger({
    level: config.logLevel,
    secrets: [config.upstreamApiKey, ...config.callerTokens, ...(config.uploadTokenSecret ? [config.uploadTokenSecret] : [])],
  });
  let server;
  try {
    server = await startServer(config, log);
  } catch (error) {
    process.stderr.write(`minimax-files-server: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  log.info(
    {
      url: server.url,
      upstream: config.upstreamBaseURL,
      callers: (config.callers ?? []).map(({ name, requestsPerMinute, concurrentUploads }) => ({
        name,
        requestsPerMinute,
        concurrentUploads,
      })),
      upstreamRequestsPerMinute: config.upstreamRequestsPerMinute,
      limits: config.redisURL ? "redis" : "memory",
      maxBodyBytes: config.maxBodyBytes,
      maxConcurrentUploads: config.maxConcurrentUploads,
      queueLength: config.queueLength,
      queueWaitMs: config.queueWaitMs,
      idleTimeoutMs: config.idleTimeoutMs,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      drainTimeoutMs: config.drainTimeoutMs,
      uploadTokens: config.uploadTokenSecret ? "on" : "off",
      corsOrigins: config.corsOrigins,
    },
    `minimax-files-server listening on ${server.url}`,
  );
  log.flush(); // at once: a supervisor or a test waits for this line
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "signal again: exiting without waiting for uploads in flight");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, drainTimeoutMs: config.drainTimeoutMs }, "draining: uploads in flight may finish");
    void server.shutdown().then(({ aborted }) => {
      log.info({ aborted }, aborted ? "stopped; uploads aborted at the drain deadline" : "stopped; every upload in flight finished");
      log.flush();
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
