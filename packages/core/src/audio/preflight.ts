import { AudioPreflightError } from "../errors.js";
import type { Purpose } from "../purpose.js";
import { collectStream, peekStream } from "../sources/byte-stream.js";
import type { OpenedSource } from "../sources/types.js";
import { describeDurationLimit, limitsFor, withinDuration, type PreflightLimits } from "./limits.js";
import { contentTypeByFormat, describeHead, sniffAudioFormat, sniffBytes, type AudioFormat } from "./sniff.js";

/** A source ready to send, with what the checks learned about it. */
export interface CheckedSource {
  /** The source to send; a one-shot stream that was checked is now in memory. */
  source: OpenedSource;
  /** The format its first bytes show, if recognised. */
  format: AudioFormat | undefined;
}

/**
 * Runs the pre-flight checks (unless `limits` is `false`) and sniffs the format either way.
 * Checks read headers only through random access (paths, Blobs, bytes); a one-shot stream is
 * held in memory up to the size limit, since it cannot be read twice, so that nothing is sent
 * before it passes.
 *
 * @throws AudioPreflightError naming the rule, what was found and what is allowed.
 */
export async function checkSource(opened: OpenedSource, purpose: Purpose, limits: PreflightLimits | false): Promise<CheckedSource> {
  if (limits === false) {
    if (opened.kind !== "stream") return { source: opened, format: sniffAudioFormat(await headOf(opened)) };
    const peeked = await peekStream(opened.stream, sniffBytes);
    return { source: { ...opened, stream: peeked.stream }, format: sniffAudioFormat(peeked.head) };
  }
  const { maxBytes, duration } = limitsFor(purpose, limits);
  const sizeLimit = `at most ${maxBytes} bytes`;
  let source = opened;
  if (source.kind === "stream") {
    if (source.size !== undefined && source.size > maxBytes) throw new AudioPreflightError("size", `${source.size} bytes`, sizeLimit);
    const collected = await collectStream(source.stream, maxBytes);
    if ("exceeded" in collected) throw new AudioPreflightError("size", `more than ${collected.exceeded - 1} bytes`, sizeLimit);
    source = { kind: "bytes", bytes: collected.bytes, name: source.name, declaredType: source.declaredType };
  }
  const size = source.kind === "blob" ? source.blob.size : source.bytes.length;
  if (size > maxBytes) throw new AudioPreflightError("size", `${size} bytes`, sizeLimit);

  const head = await headOf(source);
  const format = sniffAudioFormat(head);
  if (!format) throw new AudioPreflightError("format", describeHead(head), "mp3, wav or m4a, recognised from the file's first bytes");

  const seconds = await durationOf(source, format);
  const allowed = describeDurationLimit(duration, purpose);
  if (seconds === undefined) throw new AudioPreflightError("duration", "no duration in the audio's headers", allowed);
  if (!withinDuration(seconds, duration)) throw new AudioPreflightError("duration", `${Math.round(seconds * 100) / 100} s`, allowed);
  return { source, format };
}

async function headOf(source: Exclude<OpenedSource, { kind: "stream" }>): Promise<Uint8Array> {
  if (source.kind === "bytes") return source.bytes.subarray(0, sniffBytes);
  return new Uint8Array(await source.blob.slice(0, sniffBytes).arrayBuffer());
}

/** Reads the duration with music-metadata, which reads only the headers it needs. */
async function durationOf(source: Exclude<OpenedSource, { kind: "stream" }>, format: AudioFormat): Promise<number | undefined> {
  const { parseBlob, parseBuffer } = await import("music-metadata");
  const options = { duration: false, skipCovers: true };
  // The sniffed format picks the parser, not the type the source claims (a .mp3 may hold WAV).
  const mimeType = contentTypeByFormat[format];
  try {
    const metadata =
      source.kind === "blob"
        ? await parseBlob(source.blob.slice(0, source.blob.size, mimeType), options)
        : await parseBuffer(source.bytes, { size: source.bytes.length, mimeType }, options);
    return metadata.format.duration;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AudioPreflightError("duration", `unreadable ${format} headers (${reason})`, "audio whose headers declare its duration");
  }
}
