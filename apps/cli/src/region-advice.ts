import type { MiniMaxFilesError } from "@minimax-files/core";
import type { Core } from "./core.js";

/**
 * The next step for a key refused on one of MiniMax's hosts (1004 or 2049): keys are regional,
 * and a key of the other region is the most common cause. Undefined for other errors and hosts
 * (a gateway's refusal says nothing about regions).
 */
export function regionAdvice(error: MiniMaxFilesError & { code?: number }, baseURL: string, core: Core): string | undefined {
  if (error.code !== 1004 && error.code !== 2049) return undefined;
  const host = new URL(baseURL).hostname;
  const other = core.otherRegionHost(host);
  if (!other) return undefined;
  const region = Object.entries(core.regionBaseURLs).find(([, url]) => new URL(url).hostname === other)?.[0];
  return `the key may belong to the other region (${other}): try --region ${region} (or MINIMAX_REGION=${region})`;
}
