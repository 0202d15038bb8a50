import type { paths } from "./generated/openapi.js";

/** MiniMax's regions and their own hosts. */
export const regionBaseURLs = {
  /** International: `https://api.minimax.io`. */
  global: "https://api.minimax.io",
  /** Mainland China: `https://api.minimaxi.com`. */
  cn: "https://api.minimaxi.com",
} as const;

/** A MiniMax region: `global` (api.minimax.io) or `cn` (api.minimaxi.com). */
export type Region = keyof typeof regionBaseURLs;

const minimaxHostnames = new Set(Object.values(regionBaseURLs).map((url) => new URL(url).hostname));

/** The documented gateway path, as the spec has it (a path the generated types do not know fails to compile). */
export const gatewayUploadPath = "/minimax/v1/files/upload" satisfies keyof paths;

/** The path MiniMax's own hosts serve, without the gateway's `/minimax` prefix. */
export const directUploadPath = gatewayUploadPath.slice("/minimax".length);

/** The host of MiniMax's other region (`api.minimaxi.com` for `api.minimax.io` and back), or undefined for any other host. */
export function otherRegionHost(hostname: string): string | undefined {
  if (!minimaxHostnames.has(hostname)) return undefined;
  return [...minimaxHostnames].find((other) => other !== hostname);
}

/** Whether a base URL is one of MiniMax's own hosts, which serve the paths without `/minimax`. */
export function isMiniMaxHost(baseURL: string): boolean {
  return minimaxHostnames.has(new URL(baseURL).hostname);
}
