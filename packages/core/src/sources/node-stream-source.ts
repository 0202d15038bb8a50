/**
 * A Node Readable as a one-shot source: its head is peeked with `unshift()` (so the stream stays
 * whole and Node-native for Node's upload path), and it is turned into a web stream only where a
 * web stream is needed (a caller's `fetch`, the temporary file).
 * @module
 */
import type { Readable, Writable } from "node:stream";
import type { AbortWatch } from "../abort-watch.js";
import { SourceMeter } from "./source-meter.js";
import type { NodeReadableLike, OpenedSource, SourceHead, SourceWriteOptions } from "./types.js";

/** A Node Readable: read once, front to back, size unknown; kept Node-native on Node's upload path. */
export class NodeStreamSource implements OpenedSource {
  readonly replayable = false;
  readonly random = false;
  readonly size = undefined;
  readonly declaredType = undefined;
  readonly readable: Readable;

  constructor(
    readable: NodeReadableLike,
    readonly name: string | undefined,
  ) {
    this.readable = readable as unknown as Readable;
  }

  async head(count: number, stop?: AbortWatch): Promise<SourceHead> {
    const peeked = await peekReadable(this.readable, count, stop);
    return { bytes: peeked.head, ended: peeked.ended };
  }

  stream(): ReadableStream<Uint8Array> {
    return webStreamOf(this.readable);
  }

  blob(): Promise<Blob> {
    return new Response(this.stream()).blob();
  }

  writeTo(request: Writable, options: SourceWriteOptions): Promise<void> {
    return pipeReadable(this.readable, request, options);
  }

  async discard(): Promise<void> {
    this.readable.destroy();
  }

  async reopen(): Promise<OpenedSource> {
    return this;
  }

  /** Nothing held: the stream is the caller's (see `discard`). */
  async close(): Promise<void> {}
}

/**
 * Pipes a Node Readable into the request as `pipe` does (pausing it while the request's buffer
 * is full), counting bytes against the size limit; a Readable that fails or closes before its
 * end is a SourceError, and a request that goes away destroys the Readable.
 */
function pipeReadable(readable: Readable, request: Writable, options: SourceWriteOptions): Promise<void> {
  const meter = new SourceMeter(undefined, options.maxBytes, options.attempt);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      readable.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      request.off("drain", onDrain).off("close", onRequestClose);
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
      if (!request.write(chunk)) readable.pause();
      options.onBytes(total);
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
    request.on("drain", onDrain).once("close", onRequestClose);
    readable.resume();
  });
}

/**
 * A web stream over a Node Readable that passes each chunk on as it is, with backpressure (one
 * chunk queued), where `Readable.toWeb` copies every Buffer it passes. A Readable that closes
 * before its end errors the stream; cancelling the stream destroys the Readable.
 */
export function webStreamOf(readable: import("node:stream").Readable): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      readable.pause();
      readable.on("data", (chunk: Uint8Array) => {
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) readable.pause();
      });
      readable.once("end", () => {
        ended = true;
        controller.close();
      });
      readable.once("error", (error) => controller.error(error));
      readable.once("close", () => {
        if (!ended && !readable.errored) controller.error(new Error("the stream closed before its end"));
      });
    },
    pull() {
      readable.resume();
    },
    cancel(reason) {
      readable.destroy(reason instanceof Error ? reason : undefined);
    },
  });
}

/**
 * Reads the first `count` bytes (or fewer, at the end) of a Node Readable and puts them back
 * with `unshift()`, so the stream still yields every byte from the start. `ended` says the head
 * is the whole stream (nothing was put back then). Stops with `stop`'s reason when it aborts.
 */
export async function peekReadable(readable: Readable, count: number, stop?: AbortWatch): Promise<{ head: Uint8Array; ended: boolean }> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const onReadable = () => wake?.();
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onError = (error: unknown) => {
    failure = error;
    wake?.();
  };
  const onAbort = () => wake?.();
  const onClose = () => {
    if (!ended && failure === undefined) failure = readable.errored ?? new Error("the stream closed before its end");
    wake?.();
  };
  readable.on("readable", onReadable).once("end", onEnd).once("error", onError).once("close", onClose);
  const unwatch = stop?.watch(onAbort);
  try {
    while (length < count) {
      if (stop?.aborted) throw stop.reason;
      if (failure !== undefined) throw failure;
      if (readable.destroyed && !ended) throw readable.errored ?? new Error("the stream was destroyed before its end");
      const chunk = readable.read() as Uint8Array | null;
      if (chunk !== null) {
        chunks.push(chunk);
        length += chunk.length;
        continue;
      }
      if (ended || readable.readableEnded) {
        ended = true;
        break;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    readable.off("readable", onReadable).off("end", onEnd).off("error", onError).off("close", onClose);
    unwatch?.();
  }
  // The head is a copy of the first `count` bytes only (a view when the first chunk holds them);
  // what was read goes back chunk by chunk, as it came, without being joined.
  const head = firstBytes(chunks, Math.min(count, length));
  if (!ended) for (let index = chunks.length - 1; index >= 0; index--) readable.unshift(chunks[index]!);
  return { head, ended };
}

/** The first `count` bytes of `chunks` (which hold that many): a view when the first chunk holds them, else a copy of them only. */
function firstBytes(chunks: readonly Uint8Array[], count: number): Uint8Array {
  const first = chunks[0];
  if (first && first.length >= count) return first.subarray(0, count);
  const head = new Uint8Array(count);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= count) break;
    head.set(chunk.subarray(0, count - offset), offset);
    offset += chunk.length;
  }
  return head;
}
