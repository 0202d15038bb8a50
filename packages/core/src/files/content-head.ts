/**
 * The first bytes of a `retrieve_content` answer, read before anything is handed over (to tell
 * MiniMax's JSON error from the content), and the rest of the answer, unread: a web stream's
 * reader, or in Node the node:http stream itself (a download then writes it without a web stream).
 * @module
 */
import type { Readable } from "node:stream";

/** The answer's bytes after its head: where the rest is read from. */
export type ContentRest = { kind: "web"; reader: ReadableStreamDefaultReader<Uint8Array> } | { kind: "node"; stream: Readable };

/** What was read of an answer before it was handed over. */
export interface ContentHead {
  /** The chunks read, in order. */
  chunks: Uint8Array[];
  /** Their total length. */
  bytes: number;
  /** The rest, or undefined when the answer ended within the head. */
  rest: ContentRest | undefined;
}

/** Reads from `rest` until more than `limit` bytes have arrived or the answer ended. */
export function readHead(rest: ContentRest, limit: number): Promise<ContentHead> {
  return rest.kind === "web" ? readWebHead(rest, limit) : readNodeHead(rest, limit);
}

async function readWebHead(rest: ContentRest & { kind: "web" }, limit: number): Promise<ContentHead> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  while (bytes <= limit) {
    const { done, value } = await rest.reader.read();
    if (done) return { chunks, bytes, rest: undefined };
    chunks.push(value);
    bytes += value.length;
  }
  return { chunks, bytes, rest };
}

/** The head of a node:http answer; the stream is left paused after it, with its listeners removed. */
function readNodeHead(rest: ContentRest & { kind: "node" }, limit: number): Promise<ContentHead> {
  const { stream } = rest;
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    const stop = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      bytes += chunk.length;
      if (bytes <= limit) return;
      stream.pause();
      stop();
      resolve({ chunks, bytes, rest });
    };
    const onEnd = () => {
      stop();
      resolve({ chunks, bytes, rest: undefined });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(new Error("the answer broke off before its end"));
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    stream.once("close", onClose);
  });
}

/** The rest as a web stream's reader (Node's stream turned into one, for a caller who reads the content). */
export async function webReaderOf(rest: ContentRest): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  if (rest.kind === "web") return rest.reader;
  const { Readable } = await import("node:stream");
  return (Readable.toWeb(rest.stream) as ReadableStream<Uint8Array>).getReader();
}

/** Stops reading the rest: the answer is not wanted. */
export async function cancelRest(rest: ContentRest | undefined, reason?: unknown): Promise<void> {
  if (rest?.kind === "web") await rest.reader.cancel(reason);
  else rest?.stream.destroy();
}
