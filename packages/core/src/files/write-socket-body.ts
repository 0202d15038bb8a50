/**
 * Writing a download's body into its file as it is taken from the socket (`SocketBody`, Node
 * only): each read written at once, with a synchronous write in the socket's read callback, so
 * the buffer it arrived in is read into again only once its bytes are in the file; nothing is
 * copied, allocated or queued on libuv's threads per read (see the README's Performance). A write
 * into the page cache holds the event loop for tens of microseconds per 256 KiB; a write that
 * holds it longer (a disk behind, the kernel throttling writers) moves the rest of the body to
 * writes on libuv's threads, one at a time, the socket paused while they are behind.
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { SocketBody } from "../transport/socket-body.js";
import { type ContentWriter, chunksPast, type NodeStreamHooks, nodeStreamWriter } from "./write-content.js";

/** How a body taken from its socket is written (defaults below; tests lower them). */
export interface SocketWriteLimits {
  /** A synchronous write that takes longer than this moves the rest to writes on libuv's threads. */
  slowWriteMs: number;
  /** With writes on libuv's threads, reading pauses while this many bytes wait for the disk. */
  queuedBytes: number;
}

const defaultLimits: SocketWriteLimits = { slowWriteMs: 10, queuedBytes: 1024 * 1024 };

/**
 * The chunks `head`, then the rest of the body taken over from its socket. A body the socket
 * cannot hand over (chunked) is written from node:http's stream by {@link nodeStreamWriter}. On
 * any failure nothing more is read, and a write in flight finishes before it is reported, so the
 * file can be closed and removed safely.
 */
export function socketBodyWriter(
  head: readonly Uint8Array[],
  answer: { socketBody: SocketBody; incoming: IncomingMessage },
  hooks: NodeStreamHooks,
  limits: SocketWriteLimits = defaultLimits,
): ContentWriter {
  const { socketBody, incoming } = answer;
  return async (handle) => {
    const parsed = head.reduce((sum, chunk) => sum + chunk.length, 0);
    if (!socketBody.canTakeOver(incoming, parsed)) return nodeStreamWriter(head, incoming, hooks)(handle);
    const { writeSync, writev } = await import("node:fs");
    return new Promise<number>((resolve, reject) => {
      let written = 0;
      let received = 0;
      /** Set once a write was slow: the bytes waiting for a write on libuv's threads. */
      let queue: Buffer[] | undefined;
      let queuedBytes = 0;
      let writing = false;
      let paused = false;
      let ended = false;
      let failure: unknown;
      let settled = false;
      const settle = () => {
        if (settled || writing) return;
        if (failure !== undefined) {
          settled = true;
          reject(failure);
        } else if (ended && queuedBytes === 0) {
          settled = true;
          resolve(written);
        }
      };
      const failWrite = (error: unknown) => {
        failure ??= error;
        socketBody.cancel();
        settle();
      };
      const writeNow = (bytes: Uint8Array) => {
        for (let offset = 0; offset < bytes.length; ) {
          const count = writeSync(handle.fd, bytes, offset, bytes.length - offset, written);
          if (count === 0) throw new Error(`the disk took none of the ${bytes.length - offset} bytes written`);
          offset += count;
          written += count;
        }
      };
      /** Writes `chunks` at `written` on libuv's threads; a short write writes the rest. */
      const writeQueued = (chunks: Buffer[], bytes: number) => {
        writing = true;
        writev(handle.fd, chunks, written, (error, count) => {
          writing = false;
          if (error) return failWrite(error);
          written += count;
          if (count < bytes) {
            if (count === 0) return failWrite(new Error(`the disk took none of the ${bytes} bytes written`));
            return writeQueued(chunksPast(count, chunks) as Buffer[], bytes - count);
          }
          writeWaiting();
        });
      };
      const writeWaiting = () => {
        if (writing || failure !== undefined) return settle();
        if (queue && queue.length > 0) {
          const chunks = queue;
          const bytes = queuedBytes;
          queue = [];
          queuedBytes = 0;
          writeQueued(chunks, bytes);
        }
        if (paused && queuedBytes < limits.queuedBytes) {
          paused = false;
          socketBody.resume();
        }
        settle();
      };
      try {
        for (const chunk of head) writeNow(chunk);
      } catch (error) {
        return failWrite(error);
      }
      received = written;
      if (head.length > 0) hooks.onBytes(received);
      socketBody.takeOver(incoming, parsed, {
        take: (bytes) => {
          received += bytes.length;
          if (queue) {
            queue.push(Buffer.from(bytes)); // the socket's buffer is read into again
            queuedBytes += bytes.length;
            writeWaiting();
          } else {
            const started = performance.now();
            try {
              writeNow(bytes);
            } catch (error) {
              failWrite(error);
              return false;
            }
            if (performance.now() - started > limits.slowWriteMs) queue = [];
          }
          hooks.onBytes(received);
          paused = queuedBytes >= limits.queuedBytes;
          return !paused;
        },
        end: () => {
          ended = true;
          settle();
        },
        fail: (error) => {
          failure ??= hooks.failRead(error);
          settle();
        },
      });
    });
  };
}
