/**
 * The last layer between a source and the request body: it counts the file's bytes as they
 * leave and stops the upload, with an error that says why, the moment the source misbehaves.
 * @module
 */
import { AudioPreflightError, MiniMaxFilesError, SourceError } from "../errors.js";
import { checkChunk } from "./byte-stream.js";

/** What {@link guardStream} enforces. */
export interface GuardOptions {
  /** The size the source declared: ending short of it (or passing it) fails the upload. */
  expectedBytes?: number | undefined;
  /** The pre-flight size limit, enforced as bytes pass when the size was not known up front. */
  maxBytes?: number | undefined;
  /** Called with the running total after each chunk leaves. */
  onBytes?: ((total: number) => void) | undefined;
}

/** Where a guarded stream leaves the error that stopped it, for the attempt to throw. */
export interface StreamGuard {
  failure: MiniMaxFilesError | undefined;
}

function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
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
  const { expectedBytes, maxBytes, onBytes } = options;
  const guard: StreamGuard = { failure: undefined };
  const reader = inner.getReader();
  let total = 0;
  // Once the request side cancels (the request failed), an early end is that failure's doing, not the source's.
  let cancelled = false;
  const progress = () => ({ bytesRead: total, expectedBytes });

  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: MiniMaxFilesError) => {
    guard.failure = error;
    reader.cancel(error).catch(() => {});
    controller.error(error);
  };

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (cause) {
        if (cancelled) return;
        const error =
          cause instanceof MiniMaxFilesError ? cause : new SourceError(`reading the source failed after ${total} bytes (${reasonOf(cause)})`, progress(), cause);
        guard.failure = error;
        controller.error(error);
        return;
      }
      if (cancelled) return;
      if (result.done) {
        if (expectedBytes !== undefined && total < expectedBytes) {
          return fail(controller, new SourceError(`the source ended after ${total} of the ${expectedBytes} bytes it had when the upload began (did the file shrink?)`, progress()));
        }
        return controller.close();
      }
      let chunk: Uint8Array;
      try {
        chunk = checkChunk(result.value);
      } catch (error) {
        return fail(controller, error as MiniMaxFilesError);
      }
      total += chunk.length;
      if (maxBytes !== undefined && total > maxBytes) {
        return fail(controller, new AudioPreflightError("size", `more than ${maxBytes} bytes`, `at most ${maxBytes} bytes`));
      }
      if (expectedBytes !== undefined && total > expectedBytes) {
        return fail(controller, new SourceError(`the source grew past the ${expectedBytes} bytes it had when the upload began`, progress()));
      }
      controller.enqueue(chunk);
      onBytes?.(total);
    },
    cancel: (reason) => {
      cancelled = true;
      return reader.cancel(reason);
    },
  });
  return { stream, guard };
}
