/** Options of {@link makeM4a}. */
export interface M4aOptions {
  /** Length the file declares, in seconds. */
  seconds: number;
  /** Bytes of (silent) media data. Defaults to 1024. */
  mediaBytes?: number;
  /** Put `moov` after `mdat`, as encoders that write the index last do. Defaults to false. */
  moovLast?: boolean;
}

/**
 * Makes a minimal M4A (ISO BMFF: `ftyp` brand `M4A `, a `moov` whose `mvhd` and audio track
 * declare the duration, and an `mdat`), so tests need no committed audio. It is not playable: it
 * exists to exercise format sniffing and header-based duration checks.
 */
export function makeM4a({ seconds, mediaBytes = 1024, moovLast = false }: M4aOptions): Uint8Array {
  const timescale = 44_100;
  const duration = Math.round(seconds * timescale);
  const ftyp = box("ftyp", ascii("M4A "), u32(0), ascii("M4A "), ascii("mp42"), ascii("isom"));
  const mvhd = box(
    "mvhd",
    u32(0),
    u32(0),
    u32(0),
    u32(timescale),
    u32(duration),
    u32(0x00010000),
    u16(0x0100),
    new Uint8Array(10),
    matrix(),
    new Uint8Array(24),
    u32(2),
  );
  const tkhd = box(
    "tkhd",
    u32(0x00000007),
    u32(0),
    u32(0),
    u32(1),
    u32(0),
    u32(duration),
    new Uint8Array(8),
    u16(0),
    u16(0),
    u16(0x0100),
    u16(0),
    matrix(),
    u32(0),
    u32(0),
  );
  const mdhd = box("mdhd", u32(0), u32(0), u32(0), u32(timescale), u32(duration), u16(0x55c4), u16(0));
  const hdlr = box("hdlr", u32(0), u32(0), ascii("soun"), new Uint8Array(12), ascii("SoundHandler\0"));
  const mp4a = box("mp4a", new Uint8Array(6), u16(1), new Uint8Array(8), u16(2), u16(16), u16(0), u16(0), u32(timescale * 0x10000));
  const stbl = box(
    "stbl",
    box("stsd", u32(0), u32(1), mp4a),
    box("stts", u32(0), u32(0)),
    box("stsc", u32(0), u32(0)),
    box("stsz", u32(0), u32(0), u32(0)),
    box("stco", u32(0), u32(0)),
  );
  const dinf = box("dinf", box("dref", u32(0), u32(1), box("url ", u32(1))));
  const minf = box("minf", box("smhd", u32(0), u16(0), u16(0)), dinf, stbl);
  const mdia = box("mdia", mdhd, hdlr, minf);
  const trak = box("trak", tkhd, mdia);
  const moov = box("moov", mvhd, trak);
  const mdat = box("mdat", new Uint8Array(mediaBytes));
  return concat(moovLast ? [ftyp, mdat, moov] : [ftyp, moov, mdat]);
}

function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const body = concat(payload);
  return concat([u32(8 + body.length), ascii(type), body]);
}

function matrix(): Uint8Array {
  return concat([u32(0x00010000), u32(0), u32(0), u32(0), u32(0x00010000), u32(0), u32(0), u32(0), u32(0x40000000)]);
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function u16(value: number): Uint8Array {
  const bytes = new Uint8Array(2);
  new DataView(bytes.buffer).setUint16(0, value);
  return bytes;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
