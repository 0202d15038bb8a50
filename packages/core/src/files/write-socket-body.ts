/**
 * Writing a download's body into its file as it is taken from the socket (`SocketBody`, Node
 * only): each read written at once, with a synchronous write in the socket's read callback, so
 * the buffer it arrived in is read into again only once its bytes are in the file; nothing is
 * copied, allocated or queued on libuv's threads per read (see the README's Performance). A write
 * into the page cache holds the event loop for tens of microseconds per 256 KiB; a write that
 * holds it longer (a disk behind, the kernel throttling writers) moves the rest of the body to
 * writes on libuv's threads ({@link DiskWrites}), the socket paused while they are behind.
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { SocketBody } from "../transport/socket-body.js";
import { DiskWrites } from "./disk-writes.js";
import { type ContentWriter, type NodeStreamHooks, nodeStreamWriter } from "./write-content.js";

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
      /** Written synchronously so far. */
      let written = 0;
      let received = 0;
      /** Made once a write was slow: the rest goes through it, on libuv's threads. */
      let writes: DiskWrites | undefined;
      let paused = false;
      let ended = false;
      let failure: unknown;
      let settled = false;
      const settle = () => {
        if (settled || writes?.writing) return;
        if (failure !== undefined) {
          settled = true;
          reject(failure);
        } else if (ended && !writes?.waitingBytes) {
          settled = true;
          resolve(writes?.written ?? written);
        }
      };
      const failWrite = (error: unknown) => {
        failure ??= error;
        writes?.stop();
        socketBody.cancel();
        settle();
      };
      const onIdle = (error?: Error) => {
        if (error) return failWrite(error);
        if (paused) {
          paused = false;
          socketBody.resume();
        }
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
          if (writes)
            writes.push(Buffer.from(bytes)); // the socket's buffer is read into again
          else {
            const started = performance.now();
            try {
              writeNow(bytes);
            } catch (error) {
              failWrite(error);
              return false;
            }
            if (performance.now() - started > limits.slowWriteMs) writes = new DiskWrites(writev, handle.fd, written, onIdle);
          }
          hooks.onBytes(received);
          paused = (writes?.waitingBytes ?? 0) >= limits.queuedBytes;
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
