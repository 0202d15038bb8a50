import type { AbortWatch } from "../abort-watch.js";
import type { Purpose } from "../purpose.js";
import { canStreamRequestBodies } from "../runtime.js";
import { collectStream } from "../sources/byte-stream.js";
import { BytesSource } from "../sources/bytes-source.js";
import { isWhole, type OpenedSource, type WholeSource } from "../sources/types.js";
import type { CheckedSource, Rules } from "./checked-source.js";
import type { ConvertSettings } from "./convert.js";
import { durationOfWhole, wholeHeadBytes } from "./duration.js";
import { durationFromHead, headBytes } from "./head-duration.js";
import { limitsFor, type PreflightLimits, ruleFor, withinDuration } from "./limits.js";
import { durationRefusal, formatRefusal, noDurationRefusal, sizeRefusal } from "./refusals.js";
import { type AudioFormat, sniffAudioFormat, sniffBytes } from "./sniff.js";
import { sniffTextFormat, textFormatRefusal, textSniffBytes } from "./sniff-text.js";

const nothingToRelease = async () => {};

/** What stops the checks: watched, or as a `signal` made only when read (the engine's `Deadline`). */
export interface ChecksStop extends AbortWatch {
  readonly signal: AbortSignal;
}

/**
 * Runs the pre-flight checks (unless `limits` is `false`) and sniffs the format either way.
 * A stream's head is read with `stop` watched; only a stream read whole (to a temporary file or
 * memory) and a conversion ask `stop` for a signal: an `AbortSignal` per upload is a measurable
 * part of a small one's CPU (about 25 µs of the server's, with `AbortSignal.any`, in its profile).
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
  stop?: ChecksStop,
  convert?: ConvertSettings,
): Promise<CheckedSource> {
  const rule = ruleFor(purpose);
  const streamStop = isWhole(opened) ? undefined : stop;
  if (limits === false || !rule) return sniffOnly(opened, streamStop);
  if (rule.checks === "text") return checkText(opened, streamStop);
  if (convert && (convert.convert || convert.trimToSeconds !== undefined)) {
    const { checkConverting } = await import("./check-converting.js");
    return checkConverting(opened, { purpose, ...limitsFor(purpose, limits), signal: stop?.signal }, convert, checkWhole);
  }
  // A stream's head is read with `stop` watched; its signal is made only if the stream is read whole.
  const rules: Rules = {
    purpose,
    ...limitsFor(purpose, limits),
    get signal() {
      return streamStop?.signal;
    },
  };
  if (!isWhole(opened)) return checkStream(opened, rules, streamStop);
  return { ...(await checkWhole(opened, rules)), maxBytes: undefined, release: nothingToRelease };
}

/** No checks (turned off, or a purpose with no rule): the format is only sniffed, for the part's content type. */
async function sniffOnly(opened: OpenedSource, stop: AbortWatch | undefined): Promise<CheckedSource> {
  const head = await opened.head(sniffBytes, stop);
  return { source: opened, format: sniffAudioFormat(head.bytes), maxBytes: undefined, release: nothingToRelease };
}

/** A text input (`t2a_async_input`): a txt file or a zip, from its first bytes; no size limit. */
async function checkText(opened: OpenedSource, stop: AbortWatch | undefined): Promise<CheckedSource> {
  const head = await opened.head(textSniffBytes, stop);
  if (!sniffTextFormat(head.bytes, head.ended)) {
    await opened.discard("not a text input");
    throw textFormatRefusal(head.bytes);
  }
  return { source: opened, format: undefined, maxBytes: undefined, release: nothingToRelease };
}

async function checkStream(opened: OpenedSource, rules: Rules, stop: AbortWatch | undefined): Promise<CheckedSource> {
  const { size, name, declaredType } = opened;
  if (size !== undefined && size > rules.maxBytes) {
    await opened.discard("over the size limit");
    throw sizeRefusal(`${size} bytes`, rules.maxBytes);
  }
  const head = await opened.head(headBytes, stop);
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

export type { CheckedSource, Rules } from "./checked-source.js";

export async function checkWhole(source: WholeSource, rules: Rules): Promise<{ source: WholeSource; format: AudioFormat }> {
  if (source.size > rules.maxBytes) throw sizeRefusal(`${source.size} bytes`, rules.maxBytes);
  const head = (await source.head(wholeHeadBytes)).bytes;
  const format = sniffAudioFormat(head);
  if (!format) throw formatRefusal(head);
  const seconds = await durationOfWhole(source, format, head);
  if (seconds === undefined) throw noDurationRefusal(rules.duration, rules.purpose);
  checkDuration(seconds, rules);
  return { source, format };
}

function checkDuration(seconds: number, rules: Rules): void {
  if (!withinDuration(seconds, rules.duration)) throw durationRefusal(seconds, rules.duration, rules.purpose);
}
