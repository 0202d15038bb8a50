import { AudioPreflightError } from "../errors.js";
import type { Purpose } from "../purpose.js";
import { collectStream } from "../sources/byte-stream.js";
import { BytesSource } from "../sources/bytes-source.js";
import { openSource } from "../sources/open-source.js";
import { isWhole, type OpenedSource, type UploadSource, type WholeSource } from "../sources/types.js";
import { durationOfWhole, wholeHeadBytes } from "./duration.js";
import { audioPurposes, defaultLimits, limitsFor, type PreflightLimits, withinDuration } from "./limits.js";
import { durationRefusal, formatRefusal, noDurationRefusal, sizeRefusal } from "./refusals.js";
import { type AudioFormat, describeHead, sniffAudioFormat } from "./sniff.js";

/** Whether one purpose would accept the audio, and why not. */
export type PurposeVerdict =
  | { ok: true }
  | { ok: false; rule: AudioPreflightError["rule"]; found: string; limit: string; remedy: AudioPreflightError["remedy"]; message: string };

/** What {@link inspectAudio} found. */
export interface AudioReport {
  /** The format the first bytes show, if recognised. */
  format: AudioFormat | undefined;
  /** What the first bytes are, in words (e.g. `FLAC audio`), when not an accepted format. */
  described: string | undefined;
  sizeBytes: number;
  /** The duration the audio declares (or its frames add up to), if readable. */
  durationSeconds: number | undefined;
  /**
   * The pre-flight verdict for every audio purpose (`voice_clone`, `prompt_audio`); purposes whose
   * uploads are not audio (`t2a_async_input`) or that have no rule have none.
   */
  verdicts: Partial<Record<Purpose, PurposeVerdict>>;
}

/**
 * Runs the pre-flight checks on `file` for every purpose, sending nothing: the format from the
 * first bytes, the size, and the duration against each purpose's limits (`limits` overrides
 * MiniMax's defaults, as the client's `preflight` option does). A one-shot stream is read into
 * memory, up to the size limit.
 * @throws InvalidInputError when the file cannot be opened or read.
 */
export async function inspectAudio(
  file: UploadSource,
  options: { limits?: PreflightLimits | undefined; signal?: AbortSignal | undefined } = {},
): Promise<AudioReport> {
  const purposes = audioPurposes;
  const maxBytes = options.limits?.maxBytes ?? defaultLimits.maxBytes;
  const opened = await openSource(file);
  try {
    return await inspectOpened(opened, purposes, maxBytes, options);
  } finally {
    await opened.close();
  }
}

async function inspectOpened(
  opened: OpenedSource,
  purposes: readonly Purpose[],
  maxBytes: number,
  options: { limits?: PreflightLimits | undefined; signal?: AbortSignal | undefined },
): Promise<AudioReport> {
  let source: WholeSource;
  let sizeBytes: number;
  if (isWhole(opened)) {
    source = opened;
    sizeBytes = opened.size;
  } else {
    const collected = await collectStream(opened.stream(), maxBytes, options.signal);
    if ("exceeded" in collected) {
      const failure = sizeRefusal(`more than ${maxBytes} bytes`, maxBytes);
      return {
        format: undefined,
        described: undefined,
        sizeBytes: collected.exceeded,
        durationSeconds: undefined,
        verdicts: allFail(purposes, failure),
      };
    }
    source = new BytesSource(collected.bytes, opened.name, opened.declaredType);
    sizeBytes = collected.bytes.length;
  }
  const head = (await source.head(wholeHeadBytes)).bytes;
  const format = sniffAudioFormat(head);
  const described = format ? undefined : describeHead(head);
  if (sizeBytes > maxBytes) {
    return {
      format,
      described,
      sizeBytes,
      durationSeconds: undefined,
      verdicts: allFail(purposes, sizeRefusal(`${sizeBytes} bytes`, maxBytes)),
    };
  }
  if (!format) {
    return { format, described, sizeBytes, durationSeconds: undefined, verdicts: allFail(purposes, formatRefusal(head)) };
  }
  let durationSeconds: number | undefined;
  let unreadable: AudioPreflightError | undefined;
  try {
    durationSeconds = await durationOfWhole(source, format, head);
  } catch (error) {
    if (!(error instanceof AudioPreflightError)) throw error;
    unreadable = error;
  }
  const verdicts: Partial<Record<Purpose, PurposeVerdict>> = {};
  for (const purpose of purposes) {
    const limit = limitsFor(purpose, options.limits).duration;
    if (unreadable) verdicts[purpose] = verdictOf(unreadable);
    else if (durationSeconds === undefined) verdicts[purpose] = verdictOf(noDurationRefusal(limit, purpose));
    else if (!withinDuration(durationSeconds, limit)) verdicts[purpose] = verdictOf(durationRefusal(durationSeconds, limit, purpose));
    else verdicts[purpose] = { ok: true };
  }
  return { format, described, sizeBytes, durationSeconds, verdicts };
}

function verdictOf(error: AudioPreflightError): PurposeVerdict {
  return { ok: false, rule: error.rule, found: error.found, limit: error.limit, remedy: error.remedy, message: error.message };
}

function allFail(purposes: readonly Purpose[], error: AudioPreflightError): Partial<Record<Purpose, PurposeVerdict>> {
  return Object.fromEntries(purposes.map((purpose) => [purpose, verdictOf(error)]));
}
