/**
 * The pre-flight checks when conversion or trimming is asked for (Node only): a one-shot stream
 * is first written to a temporary file (ffmpeg needs to seek in some containers), then audio in
 * a format MiniMax does not take, or longer than `trimTo`, is converted (see `convert.ts`) and
 * the result is checked like any file. Audio that needs neither is checked and sent as it is.
 * @module
 */
import { AudioPreflightError, InvalidInputError } from "../errors.js";
import { canStreamRequestBodies } from "../runtime.js";
import type { OpenedSource, WholeSource } from "../sources/types.js";
import { isWhole } from "../sources/types.js";
import type { CheckedSource, Rules } from "./checked-source.js";
import type { ConvertSettings } from "./convert.js";
import { durationOfWhole, wholeHeadBytes } from "./duration.js";
import { formatRefusal } from "./refusals.js";
import { type AudioFormat, sniffAudioFormat } from "./sniff.js";

/** How large an input conversion accepts: the result must still pass the 20 MB limit. */
const maxInputFactor = 10;

/** The checks of a whole source (`preflight.ts`), passed in: that module loads this one. */
type CheckWhole = (source: WholeSource, rules: Rules) => Promise<{ source: WholeSource; format: AudioFormat }>;

export async function checkConverting(
  opened: OpenedSource,
  rules: Rules,
  settings: ConvertSettings,
  checkWhole: CheckWhole,
): Promise<CheckedSource> {
  if (!canStreamRequestBodies()) {
    throw new InvalidInputError(
      "convert",
      "conversion with ffmpeg runs in Node only",
      "in browsers, toWav(blob) from @minimax-files/core, which uses the browser's own decoder",
    );
  }
  const [{ spoolToFile }, { openFile }, { findFfmpeg, transcode }] = await Promise.all([
    import("../sources/spool.js"),
    import("../sources/file-source.js"),
    import("./convert.js"),
  ]);
  const releases: Array<() => Promise<void>> = [];
  const release = async () => {
    for (const step of releases.splice(0).reverse()) await step();
  };
  const maxInputBytes = rules.maxBytes * maxInputFactor;
  const onDisk = async (stream: ReadableStream<Uint8Array>, name: string | undefined, declaredType: string | undefined) => {
    const spooled = await spoolToFile(stream, maxInputBytes, rules.signal);
    if ("exceeded" in spooled)
      throw new AudioPreflightError("size", `more than ${maxInputBytes} bytes`, `at most ${maxInputBytes} bytes to convert`);
    releases.push(spooled.release);
    return openFile(spooled.path, name, declaredType);
  };
  try {
    const source: WholeSource = isWhole(opened) ? opened : await onDisk(opened.stream(), opened.name, opened.declaredType);
    const head = (await source.head(wholeHeadBytes)).bytes;
    const format = sniffAudioFormat(head);
    let convert = false;
    if (!format) {
      if (!settings.convert) throw formatRefusal(head);
      convert = true;
    } else if (settings.trimToSeconds !== undefined) {
      const seconds = await durationOfWhole(source, format, head).catch(() => undefined);
      convert = seconds === undefined || seconds > settings.trimToSeconds;
    }
    if (!convert) return { ...(await checkWhole(source, rules)), maxBytes: undefined, release };

    const path = (source as { path?: string }).path ?? (await onDisk(source.stream(), source.name, source.declaredType)).path;
    const converted = await transcode(path, {
      ffmpeg: await findFfmpeg(settings.ffmpegPath),
      trimToSeconds: settings.trimToSeconds,
      maxBytes: rules.maxBytes,
      signal: rules.signal,
    });
    releases.push(converted.release);
    const result = await openFile(converted.path, opened.name, undefined);
    return { ...(await checkWhole(result, rules)), maxBytes: undefined, release, convertedTo: converted.extension };
  } catch (error) {
    await release();
    throw error;
  }
}
