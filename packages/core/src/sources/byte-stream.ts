import { type AbortWatch, watchOf } from "../abort-watch.js";
import { InvalidInputError } from "../errors.js";

/** Chunk size used when streaming bytes that are already in memory (large chunks: see bench/). */
const chunkBytes = 1024 * 1024;

/** Streams in-memory bytes in 1 MiB views, without copying them. */
export function streamOfBytes(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
}

/** Returns a stream's chunk as bytes, or throws when the stream yields anything else. */
export function checkChunk(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  throw new InvalidInputError("file", `the stream produced ${typeof chunk} chunks`, "a byte stream (Uint8Array/Buffer chunks)");
}

/** Joins chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[], length = chunks.reduce((sum, c) => sum + c.length, 0)): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === length) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Reads the first `count` bytes (or fewer, at the end) of a one-shot stream and returns them with
 * a stream that still yields every byte from the start; `ended` says the head is the whole stream.
 */
export async function peekStream(
  stream: ReadableStream<Uint8Array>,
  count: number,
  stop?: AbortWatch,
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array>; ended: boolean }> {
  const reader = readerStoppedBy(stream, stop);
  const chunks: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < count) {
    const { done, value } = await reader.read();
    if (stop?.aborted) throw stop.reason;
    if (done) {
      ended = true;
      break;
    }
    chunks.push(checkChunk(value));
    length += value.length;
  }
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (ended) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(checkChunk(value));
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head: concatBytes(chunks, length).subarray(0, count), stream: replay, ended };
}

/**
 * Reads a one-shot stream into memory, stopping (and cancelling the stream) as soon as it holds
 * more than `limit` bytes.
 */
export async function collectStream(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array } | { exceeded: number }> {
  const reader = readerStoppedBy(stream, signal && watchOf(signal));
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    signal?.throwIfAborted();
    if (done) return { bytes: concatBytes(chunks, length) };
    chunks.push(checkChunk(value));
    length += value.length;
    if (length > limit) {
      cancelUnawaited(reader, "over the size limit");
      return { exceeded: length };
    }
  }
}

/**
 * Cancels a stream (or its reader) without waiting: its source's own `cancel()` may never settle,
 * and nothing that reports a refusal, a failure or an abort waits for it.
 */
export function cancelUnawaited(stream: { cancel(reason?: unknown): Promise<void> }, reason: unknown): void {
  stream.cancel(reason).catch(() => {});
}

/**
 * A reader of `stream` that is cancelled when `stop` aborts, so a read waiting on a stalled
 * source settles at once (the caller then checks `stop`).
 */
export function readerStoppedBy(stream: ReadableStream<Uint8Array>, stop: AbortWatch | undefined): ReadableStreamDefaultReader<Uint8Array> {
  const reader = stream.getReader();
  if (stop) {
    const cancel = () => cancelUnawaited(reader, stop.reason);
    if (stop.aborted) cancel();
    else stop.watch(cancel);
  }
  return reader;
}
