import { type AudioFormat, contentTypeByFormat } from "./audio/sniff.js";

/** Fallback part content type when nothing better is known. */
export const defaultContentType = "application/octet-stream";

/** The audio content type a filename's extension implies (`.mp3`, `.wav`, `.m4a`, as {@link contentTypeByFormat} has them), if any. */
export function contentTypeForFilename(filename: string): string | undefined {
  const dot = filename.lastIndexOf(".");
  const extension = dot === -1 ? "" : filename.slice(dot + 1).toLowerCase();
  return Object.hasOwn(contentTypeByFormat, extension) ? contentTypeByFormat[extension as AudioFormat] : undefined;
}
