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

/** The documented gateway path, as the spec has it. */
export const gatewayUploadPath = "/minimax/v1/files/upload";

/** The path MiniMax's own hosts serve, without the gateway's `/minimax` prefix. */
export const directUploadPath = "/v1/files/upload";

/** Whether a base URL is one of MiniMax's own hosts, which serve the path without `/minimax`. */
export function isMiniMaxHost(baseURL: string): boolean {
  return minimaxHostnames.has(new URL(baseURL).hostname);
}

/** The full upload URL for a base URL: the direct path on MiniMax's hosts, the gateway path elsewhere. */
export function uploadURL(baseURL: string): string {
  return baseURL + (isMiniMaxHost(baseURL) ? directUploadPath : gatewayUploadPath);
}
