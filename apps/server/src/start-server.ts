import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { MiniMaxFiles } from "@minimax-files/core";
import { createApp } from "./app.js";
import type { ServerConfig } from "./config.js";

/** A listening server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Stops accepting connections and waits for open ones to end. */
  close(): Promise<void>;
}

/** Starts the HTTP server for a configuration and resolves once it listens. */
export function startServer(config: ServerConfig, log?: (line: string) => void): Promise<RunningServer> {
  const client = new MiniMaxFiles({ apiKey: config.upstreamApiKey, baseURL: config.upstreamBaseURL });
  const app = createApp({ client, callerTokens: config.callerTokens, maxBodyBytes: config.maxBodyBytes, ...(log ? { log } : {}) });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once("error", reject);
  });
}
