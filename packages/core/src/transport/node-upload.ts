/**
 * Node's upload path: the multipart body goes from the source to the socket with no web stream
 * between them. A path is read through a FileHandle into a few reused buffers (each reused only
 * once the socket has taken its bytes); bytes in memory are written as views; other sources
 * (Blobs, one-shot streams) are read chunk by chunk and written as they come. Backpressure holds
 * the reading back; progress counts what the socket accepted; an abort or timeout destroys the
 * request, which stops the reading at once. Used unless the caller passes a `fetch`.
 * @module
 */
import type { ClientRequest, IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { MiniMaxFilesError } from "../errors.js";
import { checkChunk } from "../sources/byte-stream.js";
import type { StreamGuard } from "../sources/guarded-stream.js";
import { SourceMeter } from "../sources/source-meter.js";
import { responseFrom } from "./node-response.js";

/** Where the file's bytes come from, in the form the Node path reads fastest. */
export type NativeFileSource =
  | { kind: "path"; path: string; size: number }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "stream"; stream: ReadableStream<Uint8Array>; size: number | undefined }
  | { kind: "node"; readable: Readable };

/** A multipart body around one file, to be written by {@link nodeUploadFetch}. */
export interface NativeBody {
  head: Uint8Array;
  file: NativeFileSource;
  tail: Uint8Array;
  /** The pre-flight size limit, enforced as bytes pass when the size was not known up front. */
  maxBytes: number | undefined;
  /** Called with the file bytes the socket has accepted so far. */
  onBytes: (total: number) => void;
  /** Receives the error that stopped the body (a failing source, the size limit). */
  guard: StreamGuard;
}

/** Read size for paths, and how many buffers of it are in flight at once. */
const fileChunkBytes = 256 * 1024;
const fileBuffers = 4;
/** Write size for bytes already in memory (views, no copy). */
const memoryChunkBytes = 1024 * 1024;

/** A `fetch` for one attempt that sends `body` itself (the Request's own body is ignored). */
export function nodeUploadFetch(body: NativeBody): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const [{ request: send }, { Readable }] = await Promise.all([url.protocol === "https:" ? import("node:https") : import("node:http"), import("node:stream")]);
    const { signal } = request;
    if (signal.aborted) throw signal.reason;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = send(url, { method: request.method, headers: Object.fromEntries(request.headers) });
      const onAbort = () => outgoing.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      signal.addEventListener("abort", onAbort, { once: true });
      const settle = () => signal.removeEventListener("abort", onAbort);
      outgoing.on("error", (error) => {
        settle();
        reject(signal.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
      });
      outgoing.once("response", (incoming: IncomingMessage) => {
        incoming.once("close", settle);
        resolve(responseFrom(incoming, (readable) => Readable.toWeb(readable) as ReadableStream<Uint8Array>));
      });
      writeBody(outgoing, body).then(
        () => outgoing.end(),
        (error: unknown) => {
          if (error instanceof MiniMaxFilesError) body.guard.failure ??= error;
          if (!outgoing.destroyed) outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  };
}

/** Writes `chunk`; resolves once the socket has taken it (so its memory may be reused). */
function writeTaken(outgoing: ClientRequest, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    outgoing.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/** Writes `chunk`; resolves at once, or on `drain` when the request's buffer is full. */
function writeWithBackpressure(outgoing: ClientRequest, chunk: Uint8Array): Promise<void> {
  if (outgoing.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      outgoing.off("drain", onDrain).off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("the request closed while its body was written"));
    outgoing.once("drain", onDrain).once("close", onClose);
  });
}

async function writeBody(outgoing: ClientRequest, body: NativeBody): Promise<void> {
  await writeWithBackpressure(outgoing, body.head);
  const { file } = body;
  if (file.kind === "path") await writeFile(outgoing, file, body);
  else if (file.kind === "bytes") await writeBytes(outgoing, file.bytes, body);
  else if (file.kind === "node") await writeReadable(outgoing, file.readable, body);
  else await writeStream(outgoing, file, body);
  await writeWithBackpressure(outgoing, body.tail);
}

async function writeBytes(outgoing: ClientRequest, bytes: Uint8Array, body: NativeBody): Promise<void> {
  for (let offset = 0; offset < bytes.length && !outgoing.destroyed; offset += memoryChunkBytes) {
    const view = bytes.subarray(offset, offset + memoryChunkBytes);
    await writeWithBackpressure(outgoing, view);
    body.onBytes(offset + view.length);
  }
}

/**
 * Reads the file's first `size` bytes into reused buffers: a buffer is refilled only after the
 * socket took its previous bytes, so at most `fileBuffers` × 256 KiB are in memory.
 */
async function writeFile(outgoing: ClientRequest, file: { path: string; size: number }, body: NativeBody): Promise<void> {
  const { open } = await import("node:fs/promises");
  const handle = await open(file.path, "r");
  // Sized to the file: a 100 KB upload allocates 100 KB, not the whole set.
  const chunkBytes = Math.max(1, Math.min(fileChunkBytes, file.size));
  const buffers = Array.from({ length: Math.min(fileBuffers, Math.ceil(file.size / chunkBytes)) || 1 }, () => Buffer.allocUnsafe(chunkBytes));
  const taken: Array<Promise<void>> = buffers.map(() => Promise.resolve());
  const meter = new SourceMeter(file.size, undefined);
  let position = 0;
  let accepted = 0;
  try {
    for (let index = 0; position < file.size; index = (index + 1) % buffers.length) {
      await taken[index];
      if (outgoing.destroyed) return;
      const buffer = buffers[index]!;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(chunkBytes, file.size - position), position);
      if (bytesRead === 0) meter.end(); // the file shrank: throws
      position = meter.count(bytesRead);
      const write = writeTaken(outgoing, buffer.subarray(0, bytesRead)).then(() => body.onBytes((accepted += bytesRead)));
      write.catch(() => {}); // awaited when the buffer comes round again, or below
      taken[index] = write;
    }
    await Promise.all(taken);
  } finally {
    await handle.close();
  }
}

/**
 * Pipes a Node Readable into the request as `pipe` does (pausing it while the request's buffer
 * is full), counting bytes against the size limit; a Readable that fails or closes before its
 * end is a SourceError, and a request that goes away destroys the Readable.
 */
function writeReadable(outgoing: ClientRequest, readable: Readable, body: NativeBody): Promise<void> {
  const meter = new SourceMeter(undefined, body.maxBytes);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      readable.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      outgoing.off("drain", onDrain).off("close", onRequestClose);
      if (error === undefined) return resolve();
      readable.destroy();
      reject(meter.failed(error));
    };
    const onData = (chunk: Uint8Array) => {
      let total: number;
      try {
        total = meter.count(chunk.length);
      } catch (error) {
        return finish(error);
      }
      if (!outgoing.write(chunk)) readable.pause();
      body.onBytes(total);
    };
    const onDrain = () => readable.resume();
    const onEnd = () => finish();
    const onError = (cause: unknown) => finish(cause);
    const onClose = () => {
      if (!readable.readableEnded) finish(new Error("the stream closed before its end"));
    };
    const onRequestClose = () => {
      if (settled) return;
      settled = true;
      readable.destroy();
      resolve();
    };
    readable.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
    outgoing.on("drain", onDrain).once("close", onRequestClose);
    readable.resume();
  });
}

async function writeStream(outgoing: ClientRequest, file: { stream: ReadableStream<Uint8Array>; size: number | undefined }, body: NativeBody): Promise<void> {
  const reader = file.stream.getReader();
  const meter = new SourceMeter(file.size, body.maxBytes);
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (cause) {
        throw meter.failed(cause);
      }
      if (outgoing.destroyed) return;
      if (result.done) break;
      const chunk = checkChunk(result.value);
      const total = meter.count(chunk.length);
      await writeWithBackpressure(outgoing, chunk);
      body.onBytes(total);
    }
    meter.end();
  } catch (error) {
    await reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
}
