/** Options of {@link makeMp3}. */
export interface Mp3Options {
  /** Length of the clip in seconds (rounded up to whole frames of 1152 samples). */
  seconds: number;
  /** Prepend an ID3v2.4 tag of this many payload bytes (0: no tag). Defaults to 0. */
  id3Bytes?: number;
}

const sampleRate = 44_100;
const samplesPerFrame = 1152;
const frameBytes = 417; // 144 * 128000 / 44100, no padding

/**
 * Makes a constant-bitrate MP3 (MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono) of silent frames,
 * optionally behind an ID3v2 tag, so tests need no committed audio.
 */
export function makeMp3({ seconds, id3Bytes = 0 }: Mp3Options): Uint8Array {
  const frames = Math.ceil((seconds * sampleRate) / samplesPerFrame);
  const tagLength = id3Bytes > 0 ? 10 + id3Bytes : 0;
  const bytes = new Uint8Array(tagLength + frames * frameBytes);
  if (tagLength) {
    bytes.set([0x49, 0x44, 0x33, 4, 0, 0], 0); // "ID3", v2.4.0, no flags
    const size = id3Bytes; // syncsafe integer: 7 bits per byte
    bytes.set([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], 6);
  }
  for (let frame = 0; frame < frames; frame++) {
    // sync, MPEG-1, Layer III, no CRC | 128 kbit/s, 44.1 kHz, no padding | mono
    bytes.set([0xff, 0xfb, 0x90, 0xc0], tagLength + frame * frameBytes);
  }
  return bytes;
}
