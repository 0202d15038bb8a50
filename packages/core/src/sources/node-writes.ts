/**
 * Writing to a Node request body (`node:stream` Writable) on Node's upload path: with
 * backpressure, and without web streams between a source and the socket.
 * @module
 */
import type { Writable } from "node:stream";
import { cancelUnawaited, checkChunk } from "./byte-stream.js";
import { SourceMeter } from "./source-meter.js";
import type { SourceWriteOptions } from "./types.js";

/** Writes `chunk`; resolves once the request has taken it (so its memory may be reused). */
export function writeTaken(request: Writable, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    request.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/** Writes `chunk`; resolves at once, or on `drain` when the request's buffer is full. */
export function writeWithBackpressure(request: Writable, chunk: Uint8Array): Promise<void> {
  if (request.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      request.off("drain", onDrain).off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("the request closed while its body was written"));
    request.once("drain", onDrain).once("close", onClose);
  });
}

/**
 * Writes a web stream's chunks as they come (Blobs that are not files, one-shot web streams),
 * counted against the size the source declared and the size limit.
 */
export async function writeWebStream(
  request: Writable,
  stream: ReadableStream<Uint8Array>,
  declaredSize: number | undefined,
  options: SourceWriteOptions,
): Promise<void> {
  const reader = stream.getReader();
  const meter = new SourceMeter(declaredSize, options.maxBytes, options.attempt);
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (cause) {
        throw meter.failed(cause);
      }
      if (request.destroyed) return;
      if (result.done) break;
      const chunk = checkChunk(result.value);
      const total = meter.count(chunk.length);
      await writeWithBackpressure(request, chunk);
      options.onBytes(total);
    }
    meter.end();
  } catch (error) {
    cancelUnawaited(reader, error);
    throw error;
  } finally {
    reader.releaseLock();
  }
}
