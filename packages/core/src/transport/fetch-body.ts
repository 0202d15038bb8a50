import { multipartFrame } from "../multipart.js";
import { guardStream } from "../sources/guarded-stream.js";
import { type BodyInput, frameHeaders, type PreparedBody } from "./prepared-body.js";

/**
 * The body for a caller's `fetch`: `fields` and the file streamed as multipart/form-data. The
 * file's bytes pass through once, counted for progress and guarded (see `guardStream`), never
 * gathered.
 */
export function fetchBody({ source, maxBytes, fields, file, progress, attempt }: BodyInput): PreparedBody {
  const frame = multipartFrame(fields, file);
  const guarded = guardStream(source.stream(), {
    expectedBytes: source.size,
    maxBytes,
    onBytes: (total) => progress.report(total),
    attempt,
  });
  return {
    body: concatStreams([frame.head, guarded.stream, frame.tail]),
    headers: frameHeaders(frame, source),
    streamed: true,
    fetch: undefined,
    guard: guarded.guard,
    reportsProgress: true,
  };
}

/** One stream of byte arrays and streams, in order. */
function concatStreams(parts: ReadonlyArray<Uint8Array | ReadableStream<Uint8Array>>): ReadableStream<Uint8Array> {
  let index = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const part = parts[index];
        if (part === undefined) return controller.close();
        if (part instanceof Uint8Array) {
          index++;
          if (part.length) return controller.enqueue(part);
          continue;
        }
        reader ??= part.getReader();
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        reader = undefined;
        index++;
      }
    },
    async cancel(reason) {
      await reader?.cancel(reason);
      for (const part of parts.slice(index + 1)) if (part instanceof ReadableStream) await part.cancel(reason);
    },
  });
}
