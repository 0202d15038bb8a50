/** The audio formats the upload endpoint accepts. */
export type AudioFormat = "mp3" | "wav" | "m4a";

/** Content type of each accepted format, used for the file part. */
export const contentTypeByFormat: Record<AudioFormat, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  m4a: "audio/mp4",
};

/** Bytes {@link sniffAudioFormat} needs to see. */
export const sniffBytes = 12;

const ascii = (bytes: Uint8Array, offset: number, text: string) => [...text].every((char, i) => bytes[offset + i] === char.charCodeAt(0));

/**
 * Recognises mp3, wav and m4a from a file's first bytes, never from its name:
 * - wav: `RIFF` … `WAVE`;
 * - mp3: an ID3v2 tag (`ID3`), or an MPEG audio Layer III frame sync;
 * - m4a: an ISO BMFF `ftyp` box.
 */
export function sniffAudioFormat(head: Uint8Array): AudioFormat | undefined {
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) return "wav";
  if (ascii(head, 0, "ID3")) return "mp3";
  const [b0, b1] = [head[0] ?? 0, head[1] ?? 0];
  // 11 sync bits, any MPEG version but the reserved one, Layer III.
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) === 0x02) return "mp3";
  if (ascii(head, 4, "ftyp")) return "m4a";
  return undefined;
}

/** Formats people try to upload instead, recognised by their first bytes, for error messages. */
const otherFormats: Array<{ name: string; matches: (head: Uint8Array) => boolean }> = [
  { name: "FLAC audio", matches: (h) => ascii(h, 0, "fLaC") },
  { name: "Ogg audio (Vorbis or Opus)", matches: (h) => ascii(h, 0, "OggS") },
  { name: "WebM/Matroska (a browser recording?)", matches: (h) => h[0] === 0x1a && h[1] === 0x45 && h[2] === 0xdf && h[3] === 0xa3 },
  { name: "AIFF audio", matches: (h) => ascii(h, 0, "FORM") && (ascii(h, 8, "AIFF") || ascii(h, 8, "AIFC")) },
  { name: "CAF audio", matches: (h) => ascii(h, 0, "caff") },
  { name: "AMR audio", matches: (h) => ascii(h, 0, "#!AMR") },
  { name: "AVI video", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "AVI ") },
  { name: "WebP image", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP") },
  { name: "a RIFF file that is not WAVE", matches: (h) => ascii(h, 0, "RIFF") },
  { name: "JPEG image", matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { name: "PNG image", matches: (h) => h[0] === 0x89 && ascii(h, 1, "PNG") },
  { name: "GIF image", matches: (h) => ascii(h, 0, "GIF8") },
  { name: "PDF document", matches: (h) => ascii(h, 0, "%PDF") },
  { name: "ZIP archive", matches: (h) => ascii(h, 0, "PK\x03\x04") },
  { name: "MPEG audio that is not Layer III (MP2?)", matches: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0 },
  { name: "an HTML page", matches: (h) => /^\s*<(!doctype|html|head|body)/i.test(text(h)) },
  { name: "text", matches: (h) => h.length > 0 && [...h].every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)) },
];

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** What the first bytes are, for an error message: a named format where known, with the bytes as hex. */
export function describeHead(head: Uint8Array): string {
  if (head.length === 0) return "an empty file";
  const hex = `bytes starting ${[...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`;
  const known = otherFormats.find((format) => format.matches(head));
  return known ? `${known.name} (${hex})` : hex;
}
