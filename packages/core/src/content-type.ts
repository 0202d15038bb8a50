/** Audio content types by file extension, for the file part's `Content-Type`. */
const audioTypeByExtension: Record<string, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  m4a: "audio/mp4",
};

/** Fallback part content type when nothing better is known. */
export const defaultContentType = "application/octet-stream";

/** The audio content type a filename's extension implies, if any. */
export function contentTypeForFilename(filename: string): string | undefined {
  const dot = filename.lastIndexOf(".");
  return dot === -1 ? undefined : audioTypeByExtension[filename.slice(dot + 1).toLowerCase()];
}
