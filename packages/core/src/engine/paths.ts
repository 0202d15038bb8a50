/**
 * Where each operation lives: the spec's gateway paths (`/minimax/v1/...`), and the direct paths
 * MiniMax's own hosts serve (the same without `/minimax`), derived from them, never written twice.
 * @module
 */
import type { Middleware } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { isMiniMaxHost } from "../hosts.js";

/** A gateway path of the spec. */
export type GatewayPath = keyof paths;

/** The gateway's prefix, which MiniMax's own hosts do not serve. */
export const gatewayPrefix = "/minimax";

/** The path MiniMax's own hosts serve for a gateway path: `/minimax/v1/files/list` → `/v1/files/list`. */
export function directPath(gatewayPath: GatewayPath): string {
  return gatewayPath.startsWith(`${gatewayPrefix}/`) ? gatewayPath.slice(gatewayPrefix.length) : gatewayPath;
}

/** The full URL of an operation for a base URL: the direct path on MiniMax's hosts, the gateway path elsewhere. */
export function operationURL(baseURL: string, gatewayPath: GatewayPath): string {
  return baseURL + (isMiniMaxHost(baseURL) ? directPath(gatewayPath) : gatewayPath);
}

/**
 * openapi-fetch middleware for a client on one of MiniMax's hosts: every request to a gateway path
 * goes to that path's own direct path (so `list` goes to `/v1/files/list`, not to the upload).
 */
export function directPathsOn(baseURL: string): Middleware {
  const basePath = new URL(baseURL).pathname.replace(/\/$/, "");
  const gateway = `${basePath}${gatewayPrefix}/`;
  return {
    onRequest({ request }) {
      const url = new URL(request.url);
      if (!url.pathname.startsWith(gateway)) return request;
      url.pathname = basePath + url.pathname.slice(basePath.length + gatewayPrefix.length);
      return new Request(url, request);
    },
  };
}
