/**
 * The last layer between a source and the request body: it counts the file's bytes as they
 * leave and stops the upload, with an error that says why, the moment the source misbehaves.
 * @module
 */
import type { MiniMaxFilesError } from "../errors.js";
import { cancelUnawaited, checkChunk } from "./byte-stream.js";
import { SourceMeter } from "./source-meter.js";

/** What {@link guardStream} enforces. */
export interface GuardOptions {
  /** The size the source declared: ending short of it (or passing it) fails the upload. */
  expectedBytes?: number | undefined;
  /** The pre-flight size limit, enforced as bytes pass when the size was not known up front. */
  maxBytes?: number | undefined;
  /** Called with the running total after each chunk leaves. */
  onBytes?: ((total: number) => void) | undefined;
  /** The attempt sending the stream, carried by the errors it ends with. */
  attempt?: number | undefined;
}

/** Where a guarded stream leaves the error that stopped it, for the attempt to throw. */
export interface StreamGuard {
  failure: MiniMaxFilesError | undefined;
}

/**
 * Wraps the file's stream so that a read error, a source that ends short of its declared size
 * or grows past it, and a stream that passes the size limit each error the request body at once
 * (which aborts the request, so no partial file is ever completed upstream) and leave a typed
 * error in `guard.failure`.
 */
export function guardStream(
  inner: ReadableStream<Uint8Array>,
  options: GuardOptions = {},
): { stream: ReadableStream<Uint8Array>; guard: StreamGuard } {
  const guard: StreamGuard = { failure: undefined };
  const meter = new SourceMeter(options.expectedBytes, options.maxBytes, options.attempt);
  const reader = inner.getReader();
  // Once the request side cancels (the request failed), an early end is that failure's doing, not the source's.
  let cancelled = false;

  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: MiniMaxFilesError, cancelSource: boolean) => {
    guard.failure = error;
    if (cancelSource) cancelUnawaited(reader, error);
    controller.error(error);
  };

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (cause) {
        if (!cancelled) fail(controller, meter.failed(cause), false);
        return;
      }
      if (cancelled) return;
      try {
        if (result.done) {
          meter.end();
          return controller.close();
        }
        const chunk = checkChunk(result.value);
        options.onBytes?.(meter.count(chunk.length));
        controller.enqueue(chunk);
      } catch (error) {
        fail(controller, meter.failed(error), true);
      }
    },
    cancel: (reason) => {
      cancelled = true;
      return reader.cancel(reason);
    },
  });
  return { stream, guard };
}
