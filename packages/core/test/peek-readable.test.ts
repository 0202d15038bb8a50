/**
 * `peekReadable` hands the checks a stream's first bytes and puts back what it read: the stream
 * then yields every byte from the start, in order, whether the head lay within the first chunk,
 * spanned several, or was the whole stream.
 */
import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { Deadline } from "../src/engine/deadline.js";
import { peekReadable } from "../src/sources/node-stream-source.js";

const bytes = Uint8Array.from({ length: 100 }, (_, index) => index);

/** A paused stream of `bytes` in chunks of `size`, all buffered before the peek. */
async function buffered(size: number): Promise<Readable> {
  const chunks = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(Buffer.from(bytes.subarray(offset, offset + size)));
  const readable = new Readable({ read() {} });
  for (const chunk of chunks) readable.push(chunk);
  readable.push(null);
  await new Promise((resolve) => setImmediate(resolve));
  return readable;
}

async function rest(readable: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of readable) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

test.each([
  ["within the first chunk", 30, 10],
  ["across several chunks", 7, 20],
  ["ending exactly at a chunk's end", 10, 30],
])("a head %s is the first bytes, and the stream still yields them all", async (_, chunkSize, count) => {
  const readable = await buffered(chunkSize);
  const { head, ended } = await peekReadable(readable, count);
  expect(ended).toBe(false);
  expect([...head]).toEqual([...bytes.subarray(0, count)]);
  expect([...(await rest(readable))]).toEqual([...bytes]);
});

test("a head asked past the end is the whole stream, with ended", async () => {
  const readable = await buffered(9);
  const { head, ended } = await peekReadable(readable, 500);
  expect(ended).toBe(true);
  expect([...head]).toEqual([...bytes]);
});

test("a stream arriving chunk by chunk after the peek started is read until the head is full", async () => {
  const readable = new Readable({ read() {} });
  const peeked = peekReadable(readable, 25);
  for (let offset = 0; offset < bytes.length; offset += 8) {
    readable.push(Buffer.from(bytes.subarray(offset, offset + 8)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  readable.push(null);
  const { head, ended } = await peeked;
  expect(ended).toBe(false);
  expect([...head]).toEqual([...bytes.subarray(0, 25)]);
  expect([...(await rest(readable))]).toEqual([...bytes]);
});

test("a peek of a stalled stream stops when its deadline aborts, with the reason, and leaves no listener behind", async () => {
  const readable = new Readable({ read() {} });
  readable.push(Buffer.from(bytes.subarray(0, 10))); // then nothing more
  const listeners = () => ["readable", "end", "error", "close"].map((event) => readable.listenerCount(event));
  const before = listeners();
  const deadline = new Deadline(50);
  const peek = peekReadable(readable, 64, deadline);
  await expect(peek).rejects.toMatchObject({ name: "TimeoutError" });
  expect(listeners()).toEqual(before);
  deadline.clear();
});

test("a peek asked after its deadline aborted stops at once", async () => {
  const readable = new Readable({ read() {} });
  const caller = new AbortController();
  caller.abort(new Error("the caller left"));
  await expect(peekReadable(readable, 64, new Deadline(60_000, caller.signal))).rejects.toThrow("the caller left");
});
