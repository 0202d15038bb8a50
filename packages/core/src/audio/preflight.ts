import type { Purpose } from "../purpose.js";
import { collectStream } from "../sources/byte-stream.js";
import { BytesSource } from "../sources/bytes-source.js";
import { isWhole, type OpenedSource, type WholeSource } from "../sources/types.js";
import { canStreamRequestBodies } from "../transport/runtime.js";
import type { ConvertSettings } from "./convert.js";
import { durationOf } from "./duration.js";
import { durationFromHead, headBytes } from "./head-duration.js";
import { type DurationLimit, limitsFor, type PreflightLimits, withinDuration } from "./limits.js";
import { durationRefusal, formatRefusal, noDurationRefusal, sizeRefusal } from "./refusals.js";
import { type AudioFormat, sniffAudioFormat, sniffBytes } from "./sniff.js";

/** A source ready to send, with what the checks learned about it. */
export interface CheckedSource {
  /** The source to send: the same stream for a one-shot stream checked on its head, a temporary file for one that had to be read whole. */
  source: OpenedSource;
  /** The format its first bytes show, if recognised. */
  format: AudioFormat | undefined;
  /** The size limit still to enforce as the bytes are sent (a one-shot stream of unknown size), if any. */
  maxBytes: number | undefined;
  /** Deletes what the checks wrote to disk, if anything; call it once the upload is over, however it ended. */
  release: () => Promise<void>;
  /** Set when the audio was converted (the `convert` or `trimTo` option): the format sent instead. */
  convertedTo?: AudioFormat | undefined;
}

/** The limits one check enforces. */
export interface Rules {
  purpose: Purpose;
  maxBytes: number;
  duration: DurationLimit;
  /** Stops reading a stream (the deadline of the checks, or the caller's abort). */
  signal: AbortSignal | undefined;
}

const nothingToRelease = async () => {};

/**
 * Runs the pre-flight checks (unless `limits` is `false`) and sniffs the format either way.
 * Paths, Blobs and bytes are checked through random access. A one-shot stream is checked on its
 * first 64 KiB, which stay in memory, and its size as it is sent; only when its head does not
 * declare the duration (an MP3 without a frame count, an M4A with `moov` after `mdat`) is it
 * written to a temporary file first (in Node; held in memory elsewhere), up to the size limit.
 *
 * @throws AudioPreflightError naming the rule, what was found and what is allowed.
 */
export async function checkSource(
  opened: OpenedSource,
  purpose: Purpose,
  limits: PreflightLimits | false,
  signal?: AbortSignal,
  convert?: ConvertSettings,
): Promise<CheckedSource> {
  if (limits !== false && convert && (convert.convert || convert.trimToSeconds !== undefined)) {
    const { checkConverting } = await import("./check-converting.js");
    return checkConverting(opened, { purpose, ...limitsFor(purpose, limits), signal }, convert, checkWhole);
  }
  if (limits === false) {
    const head = await opened.head(sniffBytes, signal);
    return { source: opened, format: sniffAudioFormat(head.bytes), maxBytes: undefined, release: nothingToRelease };
  }
  const rules = { purpose, ...limitsFor(purpose, limits), signal };
  if (!isWhole(opened)) return checkStream(opened, rules);
  return { ...(await checkWhole(opened, rules)), maxBytes: undefined, release: nothingToRelease };
}

async function checkStream(opened: OpenedSource, rules: Rules): Promise<CheckedSource> {
  const { size, name, declaredType } = opened;
  if (size !== undefined && size > rules.maxBytes) {
    await opened.discard("over the size limit");
    throw sizeRefusal(`${size} bytes`, rules.maxBytes);
  }
  const head = await opened.head(headBytes, rules.signal);
  if (head.ended) {
    const whole = await checkWhole(new BytesSource(head.bytes, name, declaredType), rules);
    return { ...whole, maxBytes: undefined, release: nothingToRelease };
  }
  try {
    const format = sniffAudioFormat(head.bytes);
    if (!format) throw formatRefusal(head.bytes);
    const seconds = await durationFromHead(head.bytes, format, size);
    if (seconds !== undefined) {
      checkDuration(seconds, rules);
      return { source: opened, format, maxBytes: rules.maxBytes, release: nothingToRelease };
    }
  } catch (error) {
    await opened.discard(error);
    throw error;
  }
  return checkWholeStream(opened, rules);
}

/** Reads a stream whole (to a temporary file in Node, to memory elsewhere), then checks it. */
async function checkWholeStream(opened: OpenedSource, rules: Rules): Promise<CheckedSource> {
  const { name, declaredType } = opened;
  if (!canStreamRequestBodies()) {
    const collected = await collectStream(opened.stream(), rules.maxBytes, rules.signal);
    if ("exceeded" in collected) throw sizeRefusal(`more than ${collected.exceeded - 1} bytes`, rules.maxBytes);
    const whole = await checkWhole(new BytesSource(collected.bytes, name, declaredType), rules);
    return { ...whole, maxBytes: undefined, release: nothingToRelease };
  }
  const [{ spoolToFile }, { openFile }] = await Promise.all([import("../sources/spool.js"), import("../sources/file-source.js")]);
  const spooled = await spoolToFile(opened.stream(), rules.maxBytes, rules.signal);
  if ("exceeded" in spooled) throw sizeRefusal(`more than ${spooled.exceeded - 1} bytes`, rules.maxBytes);
  try {
    const whole = await checkWhole(await openFile(spooled.path, name, declaredType), rules);
    return { ...whole, maxBytes: undefined, release: spooled.release };
  } catch (error) {
    await spooled.release();
    throw error;
  }
}

export async function checkWhole(source: WholeSource, rules: Rules): Promise<{ source: WholeSource; format: AudioFormat }> {
  if (source.size > rules.maxBytes) throw sizeRefusal(`${source.size} bytes`, rules.maxBytes);
  const head = (await source.head(sniffBytes)).bytes;
  const format = sniffAudioFormat(head);
  if (!format) throw formatRefusal(head);
  const seconds = await durationOf(source.whole, format);
  if (seconds === undefined) throw noDurationRefusal(rules.duration, rules.purpose);
  checkDuration(seconds, rules);
  return { source, format };
}

function checkDuration(seconds: number, rules: Rules): void {
  if (!withinDuration(seconds, rules.duration)) throw durationRefusal(seconds, rules.duration, rules.purpose);
}
