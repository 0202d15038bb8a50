/**
 * Browser conversion: a recording (WebM/Opus from Chrome's or Firefox's MediaRecorder, MP4/AAC
 * from Safari's, or anything the browser plays) decoded by the browser's own decoder (Web Audio
 * `decodeAudioData`) and written as 16-bit PCM WAV, with no server and no ffmpeg. Upload the
 * result as usual: the pre-flight checks run on it.
 * @module
 */
import { InvalidInputError } from "../errors.js";

/** Options of {@link toWav}. */
export interface ToWavOptions {
  /** Cut the audio after this many seconds (e.g. 300 for voice_clone's 5 minutes). */
  trimTo?: number | undefined;
  /** Mix down to one channel (smaller files; voice needs no stereo). Defaults to true. */
  mono?: boolean | undefined;
}

/**
 * Decodes `recording` with the browser's audio decoder and returns it as a WAV Blob
 * (`audio/wav`, 16-bit PCM, the decoder's sample rate).
 *
 * @example
 * ```ts
 * const wav = await toWav(recordedBlob);
 * await client.upload({ file: new File([wav], "voice.wav") });
 * ```
 * @throws InvalidInputError when the browser cannot decode it, or there is no Web Audio.
 */
export async function toWav(recording: Blob | ArrayBuffer, options: ToWavOptions = {}): Promise<Blob> {
  const Context = (globalThis as { OfflineAudioContext?: typeof OfflineAudioContext }).OfflineAudioContext;
  if (!Context)
    throw new InvalidInputError(
      "recording",
      "this runtime has no Web Audio decoder",
      "a browser (in Node, use the convert option, which runs ffmpeg)",
    );
  const bytes = recording instanceof Blob ? await recording.arrayBuffer() : recording.slice(0);
  let decoded: AudioBuffer;
  try {
    // The context only decodes here; its own length and rate do not matter.
    decoded = await new Context(1, 1, 44_100).decodeAudioData(bytes);
  } catch (error) {
    throw new InvalidInputError(
      "recording",
      `the browser could not decode it (${(error as Error)?.message ?? String(error)})`,
      "audio the browser can play",
    );
  }
  const frames = options.trimTo === undefined ? decoded.length : Math.min(decoded.length, Math.floor(options.trimTo * decoded.sampleRate));
  const channels = Array.from({ length: decoded.numberOfChannels }, (_, index) => decoded.getChannelData(index).subarray(0, frames));
  const mixed = options.mono === false ? channels : [mixDown(channels)];
  return new Blob([encodeWav(mixed, decoded.sampleRate) as Uint8Array<ArrayBuffer>], { type: "audio/wav" });
}

/** The average of the channels, as one channel. */
function mixDown(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const out = new Float32Array(channels[0]!.length);
  for (const channel of channels) for (let i = 0; i < out.length; i++) out[i]! += channel[i]! / channels.length;
  return out;
}

/**
 * Writes samples (one Float32Array per channel, −1…1) as a 16-bit PCM WAV file: the `RIFF`
 * header with the sizes the duration is read from, then the interleaved samples, clipped.
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  const channelCount = channels.length;
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * channelCount * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * 2, true); // bytes per second
  view.setUint16(32, channelCount * 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  text(36, "data");
  view.setUint32(40, dataBytes, true);
  let offset = 44;
  for (let frame = 0; frame < frames; frame++) {
    for (const channel of channels) {
      const sample = Math.max(-1, Math.min(1, channel[frame] ?? 0));
      view.setInt16(offset, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
      offset += 2;
    }
  }
  return out;
}
