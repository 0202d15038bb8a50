/**
 * Writing content into an open file (Node only), for `writeAtomically`: from a web stream, or
 * from node:http's own stream with several writes in flight at their offsets.
 * @module
 */
import type { FileHandle } from "node:fs/promises";
import type { Readable } from "node:stream";

/** Writes into the open file; resolves with the bytes written. */
export type ContentWriter = (handle: FileHandle) => Promise<number>;

/**
 * A web stream's chunks, in order: the next chunk is read while the last one is written, and
 * written once that one is on disk, so memory holds two chunks at most.
 */
export function webStreamWriter(body: ReadableStream<Uint8Array>): ContentWriter {
  return async (handle) => {
    let bytes = 0;
    let writing: Promise<unknown> | undefined;
    try {
      const reader = body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        if (writing) await writing;
        writing = handle.write(read.value);
        writing.catch(() => {}); // awaited with the next chunk, or below
        bytes += read.value.length;
      }
      await writing;
    } finally {
      await writing?.catch(() => {});
    }
    return bytes;
  };
}

/**
 * Writes in flight at most, each one chunk of the answer (node:http hands over up to 64 KiB).
 * Measured for 200 MB here: 2 downloads as fast as 4, 8 or 16 (1 is 15–25% slower), and keeps
 * the peak RSS within 32 MB of a 1 MB download's (4: 32.1–34.8 MB; Node's socket buffers wait for
 * a collection, and the fewer are held the sooner it comes).
 */
const writesInFlight = 2;

/** What {@link nodeStreamWriter} reports and how it names a failure of the answer. */
export interface NodeStreamHooks {
  /** Called with the bytes received so far, after each chunk. */
  onBytes(received: number): void;
  /** The error for a failure of the answer (not of the disk), e.g. the attempt's typed error. */
  failRead(error: unknown): Error;
}

/**
 * The chunks `head` then every chunk of `stream` (node:http's answer, paused), each written at its
 * own offset as it arrives, up to {@link writesInFlight} at once: the disk's writes overlap each
 * other and the network, and no web stream or promise stands per chunk (see the README's
 * Performance). The answer is paused while that many are in flight. On any failure nothing more
 * is read, and the writes in flight finish before it is reported, so the file can be closed and
 * removed safely.
 */
export function nodeStreamWriter(head: readonly Uint8Array[], stream: Readable | undefined, hooks: NodeStreamHooks): ContentWriter {
  return async (handle) => {
    const { write } = await import("node:fs");
    return new Promise<number>((resolve, reject) => {
      let position = 0;
      let inFlight = 0;
      let ended = stream === undefined;
      let failure: Error | undefined;
      const finish = () => {
        if (inFlight > 0) return;
        if (failure) reject(failure);
        else if (ended) resolve(position);
      };
      const fail = (error: Error) => {
        failure ??= error;
        if (stream) detach(stream);
        stream?.destroy();
        finish();
      };
      const writeChunk = (chunk: Uint8Array) => {
        inFlight++;
        write(handle.fd, chunk, 0, chunk.length, position, (error) => {
          inFlight--;
          if (error) return fail(error);
          if (!failure && inFlight <= writesInFlight / 2 && stream?.isPaused()) stream.resume();
          finish();
        });
        position += chunk.length;
      };
      const onData = (chunk: Buffer) => {
        writeChunk(chunk);
        hooks.onBytes(position);
        if (inFlight >= writesInFlight) stream?.pause();
      };
      const onEnd = () => {
        ended = true;
        if (stream) detach(stream);
        finish();
      };
      const onError = (error: Error) => fail(hooks.failRead(error));
      const onClose = () => onError(new Error("the answer broke off before its end"));
      const detach = (from: Readable) => {
        from.off("data", onData);
        from.off("end", onEnd);
        from.off("error", onError);
        from.off("close", onClose);
      };
      for (const chunk of head) writeChunk(chunk);
      if (head.length > 0) hooks.onBytes(position);
      if (!stream) return finish();
      if (stream.errored || stream.destroyed) return onError(stream.errored ?? new Error("the answer broke off before its end"));
      stream.on("data", onData);
      stream.once("end", onEnd);
      stream.once("error", onError);
      stream.once("close", onClose);
      if (inFlight < writesInFlight) stream.resume();
    });
  };
}
