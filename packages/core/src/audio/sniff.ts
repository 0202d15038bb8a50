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

const ascii = (bytes: Uint8Array, offset: number, text: string) =>
  [...text].every((char, i) => bytes[offset + i] === char.charCodeAt(0));

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

/** The first bytes as hex, for an error message. */
export function describeHead(head: Uint8Array): string {
  if (head.length === 0) return "an empty file";
  return `bytes starting ${[...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`;
}
