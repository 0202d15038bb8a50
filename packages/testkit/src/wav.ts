/** Options of {@link makeWav}. */
export interface WavOptions {
  /** Length of the clip in seconds. */
  seconds: number;
  /** Samples per second. Defaults to 16000. */
  sampleRate?: number;
  /** Number of channels. Defaults to 1 (mono). */
  channels?: number;
  /** Frequency of the sine tone in Hz. Defaults to 440. */
  frequency?: number;
}

/**
 * Makes a 16-bit PCM RIFF/WAVE file holding a sine tone, so tests need no committed audio.
 *
 * @example
 * const clip = makeWav({ seconds: 12 }); // 12 s mono 16 kHz, 384,044 bytes
 */
export function makeWav({ seconds, sampleRate = 16_000, channels = 1, frequency = 440 }: WavOptions): Uint8Array {
  const bytesPerSample = 2;
  const frames = Math.round(seconds * sampleRate);
  const dataSize = frames * channels * bytesPerSample;
  const buffer = new ArrayBuffer(44 + dataSize);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataSize, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * bytesPerSample, true); // byte rate
  view.setUint16(32, channels * bytesPerSample, true); // block align
  view.setUint16(34, 8 * bytesPerSample, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataSize, true);
  for (let frame = 0; frame < frames; frame++) {
    const sample = Math.round(Math.sin((2 * Math.PI * frequency * frame) / sampleRate) * 0x3fff);
    for (let channel = 0; channel < channels; channel++) {
      view.setInt16(44 + (frame * channels + channel) * bytesPerSample, sample, true);
    }
  }
  return new Uint8Array(buffer);
}
