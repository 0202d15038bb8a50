/**
 * Frames a multipart/form-data body around one file part, so the file's bytes can be streamed
 * between the frame's head and tail without ever being gathered.
 * @module
 */

/** Everything around the file's bytes. */
export interface MultipartFrame {
  /** The request's `Content-Type`, with the boundary. */
  contentType: string;
  /** The text fields and the file part's headers. */
  head: Uint8Array;
  /** The closing boundary. */
  tail: Uint8Array;
}

/** The file part's description. */
export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
}

const encoder = new TextEncoder();

/** Escapes a header parameter value as browsers' FormData does (WHATWG HTML). */
function escapeQuoted(value: string): string {
  return value.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
}

/** 122 random bits per body (a file's bytes cannot end a part early by chance); `randomUUID` draws from a cached pool. */
function randomBoundary(): string {
  return `----minimax-files-${crypto.randomUUID()}`;
}

/** Builds the head and tail of a body with `fields` followed by `file`. */
export function multipartFrame(fields: Record<string, string>, file: MultipartFile, boundary = randomBoundary()): MultipartFrame {
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(file.field)}"; filename="${escapeQuoted(file.filename)}"\r\n` +
    `Content-Type: ${file.contentType.replace(/[\r\n]/g, "")}\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: encoder.encode(head),
    tail: encoder.encode(`\r\n--${boundary}--\r\n`),
  };
}
