/** WAV files built byte by byte, for the edge cases encoders do not write. */

/** A RIFF chunk: its id, size and payload, padded to an even size. */
export function wavChunk(id: string, payload: Buffer): Uint8Array {
  const header = Buffer.alloc(8);
  header.write(id, 0);
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload, Buffer.alloc(payload.length % 2)]);
}

/**
 * A 16 kHz mono 16-bit PCM WAV: `chunks` between `fmt ` and `data`, a data size of `declared`
 * (0xffffffff for a streamed WAV's placeholder), and `held` data bytes.
 */
export function handMadeWav({ chunks = [], declared, held }: { chunks?: Uint8Array[]; declared: number; held: number }): Uint8Array {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(16_000, 4);
  fmt.writeUInt32LE(32_000, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const dataHeader = Buffer.alloc(8);
  dataHeader.write("data", 0);
  dataHeader.writeUInt32LE(declared, 4);
  const body = Buffer.concat([Buffer.from("WAVE"), wavChunk("fmt ", fmt), ...chunks, dataHeader, Buffer.alloc(held, 1)]);
  const riff = Buffer.alloc(8);
  riff.write("RIFF", 0);
  riff.writeUInt32LE(body.length, 4);
  return new Uint8Array(Buffer.concat([riff, body]));
}
