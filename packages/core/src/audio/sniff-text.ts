/**
 * The format check of `t2a_async_input` uploads (the text input of asynchronous speech): a txt
 * file (UTF-8 text, no NUL bytes) or a zip, recognised from the first bytes, never the name.
 * @module
 */
import { AudioPreflightError } from "../errors.js";
import { describeHead } from "./sniff.js";

/** The text formats MiniMax takes for `t2a_async_input`. */
export type TextFormat = "txt" | "zip";

/** Bytes {@link sniffTextFormat} looks at. */
export const textSniffBytes = 4096;

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `zip` for a zip's signature (`PK\x03\x04`, or `PK\x05\x06` when empty), `txt` for UTF-8 text, else undefined. */
export function sniffTextFormat(head: Uint8Array, ended: boolean): TextFormat | undefined {
  if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return "zip";
  if (head.includes(0)) return undefined;
  // A multi-byte character may be cut at the end of a head that is not the whole file.
  const complete = ended ? head : head.subarray(0, lastCompleteCharacterEnd(head));
  try {
    fatalUtf8.decode(complete);
    return "txt";
  } catch {
    return undefined;
  }
}

/** Where the last complete UTF-8 character of `bytes` ends. */
function lastCompleteCharacterEnd(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** The refusal of a `t2a_async_input` file that is neither text nor a zip. */
export function textFormatRefusal(head: Uint8Array): AudioPreflightError {
  return new AudioPreflightError(
    "format",
    describeHead(head.subarray(0, 12)),
    "txt (UTF-8 text) or zip, recognised from the file's first bytes",
  );
}
