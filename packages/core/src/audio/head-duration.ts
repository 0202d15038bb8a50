/**
 * The duration of audio that is still arriving, from its first bytes alone, where the format
 * declares it there: a WAV's `fmt`/`data` headers, an MP3's Xing/VBRI frame count (or, with a
 * declared size, its constant bitrate), an M4A whose `moov` box precedes the media data.
 * @module
 */
import { concatBytes } from "../sources/byte-stream.js";
import { type AudioFormat, contentTypeByFormat } from "./sniff.js";

/** How much of a one-shot stream is read before anything is sent, to check it. */
export const headBytes = 64 * 1024;

const metadataOptions = { duration: false, skipCovers: true } as const;

/**
 * The duration the head declares, or undefined when only the rest of the file can tell (an MP3
 * without a frame count and of unknown size, an M4A whose `moov` comes after `mdat`, a head cut
 * inside a large tag).
 * @param size the whole file's size, when the source declared it
 */
export async function durationFromHead(head: Uint8Array, format: AudioFormat, size: number | undefined): Promise<number | undefined> {
  // A PCM WAV says it in two headers: read them here (a server checks one per upload), else ask the parser.
  const pcm = format === "wav" ? pcmWavDuration(head, size) : undefined;
  if (pcm !== undefined) return pcm;
  const { parseBuffer, parseWebStream } = await import("music-metadata");
  try {
    if (format === "m4a") {
      const boxes = leadingBoxesWithMovie(head);
      if (!boxes) return undefined;
      return (await parseBuffer(boxes, { mimeType: contentTypeByFormat.m4a, size: boxes.length }, metadataOptions)).format.duration;
    }
    // A stream of the head alone: the parser sees where it ends, and never takes the head's
    // length for the file's (which would make a constant-bitrate MP3 look seconds long).
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
        controller.close();
      },
    });
    const metadata = await parseWebStream(
      stream,
      { mimeType: contentTypeByFormat[format], ...(size === undefined ? {} : { size }) },
      metadataOptions,
    );
    return metadata.format.duration;
  } catch {
    return undefined; // the head ends inside a structure: the whole file will tell
  }
}

const u16le = (bytes: Uint8Array, offset: number) => bytes[offset]! | (bytes[offset + 1]! << 8);
const u32le = (bytes: Uint8Array, offset: number) =>
  (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;

/** WAVE format tags whose `data` size ÷ (block size × sample rate) is the duration: PCM, IEEE float, and WAVE_FORMAT_EXTENSIBLE. */
const constantRateWaveFormats = new Set([0x0001, 0x0003, 0xfffe]);

/**
 * The duration of a PCM (or float) WAV from its `fmt ` and `data` headers in `head`, computed as
 * music-metadata does: the data's size ÷ the block size ÷ the sample rate, the size cut to what
 * the file holds when its `size` is known. Undefined for anything music-metadata would read
 * otherwise or further (compressed WAV, a `fact` chunk, a streamed WAV whose sizes are
 * placeholders, headers past the head), which the parser then reads.
 * @param size the whole file's size, when known
 */
export function pcmWavDuration(head: Uint8Array, size?: number): number | undefined {
  if (head.length < 12 || fourCC(head, 0) !== "RIFF" || fourCC(head, 8) !== "WAVE") return undefined;
  let samplesPerSecond: number | undefined;
  let blockBytes: number | undefined;
  for (let offset = 12; offset + 8 <= head.length; ) {
    const id = fourCC(head, offset);
    const chunkSize = u32le(head, offset + 4);
    if (id === "fmt ") {
      if (chunkSize < 16 || offset + 8 + 16 > head.length) return undefined;
      if (!constantRateWaveFormats.has(u16le(head, offset + 8))) return undefined;
      samplesPerSecond = u32le(head, offset + 12);
      blockBytes = u16le(head, offset + 20);
    } else if (id === "fact") {
      return undefined; // its sample count, not the data's size, is what the parser reports
    } else if (id === "data") {
      if (!samplesPerSecond || !blockBytes || chunkSize === 0 || chunkSize === 0xffffffff) return undefined;
      const dataBytes = size === undefined ? chunkSize : Math.min(chunkSize, size - (offset + 8));
      return dataBytes > 0 ? dataBytes / blockBytes / samplesPerSecond : undefined;
    }
    offset += 8 + chunkSize + (chunkSize % 2); // chunks are padded to an even size
  }
  return undefined;
}

const u32 = (bytes: Uint8Array, offset: number) =>
  ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
const fourCC = (bytes: Uint8Array, offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));

/**
 * The ISO BMFF top-level boxes of `head` up to and including a complete `moov`, without any
 * media data (`mdat`) before it: a small file that declares the same duration. Undefined when
 * the head holds no complete `moov`.
 */
function leadingBoxesWithMovie(head: Uint8Array): Uint8Array | undefined {
  const kept: Uint8Array[] = [];
  let offset = 0;
  while (offset + 8 <= head.length) {
    let size = u32(head, offset);
    const type = fourCC(head, offset + 4);
    if (size === 1) {
      if (offset + 16 > head.length) return undefined;
      size = u32(head, offset + 8) * 2 ** 32 + u32(head, offset + 12);
    }
    if (size < 8) return undefined; // 0 ("to the end of the file") or malformed
    if (type === "moov") {
      if (offset + size > head.length) return undefined;
      kept.push(head.subarray(offset, offset + size));
      return concatBytes(kept);
    }
    if (type !== "mdat") {
      if (offset + size > head.length) return undefined;
      kept.push(head.subarray(offset, offset + size));
    }
    offset += size;
  }
  return undefined;
}
