/**
 * Writing a download into its file from node:http's own stream: the chunks received while a
 * write is in flight written together by the next (the bytes in order), the stream
 * paused while the writes are behind, and a failure of either side reported only once no write
 * is in flight any more.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, expect, test } from "vitest";
import { chunksPast } from "../src/files/disk-writes.js";
import { nodeStreamWriter } from "../src/files/write-content.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "write-content-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const noHooks = { onBytes: () => {}, failRead: (error: unknown) => error as Error };

test("the head, then every chunk of the stream, byte for byte in order; progress counts every byte", async () => {
  const head = [randomBytes(1000), randomBytes(70_000)];
  const chunks = Array.from({ length: 200 }, (_, i) => randomBytes(1 + ((i * 7919) % 65_536)));
  const path = join(folder, "ordered.bin");
  const handle = await open(path, "w");
  const received: number[] = [];
  const stream = Readable.from(chunks, { objectMode: false });
  stream.pause();
  const bytes = await nodeStreamWriter(head, stream, { ...noHooks, onBytes: (n) => received.push(n) })(handle);
  await handle.close();
  const expected = Buffer.concat([...head, ...chunks]);
  expect(bytes).toBe(expected.length);
  expect((await readFile(path)).equals(expected)).toBe(true);
  expect(received.at(-1)).toBe(expected.length);
  expect(received).toEqual([...received].sort((a, b) => a - b));
});

test("a content that ended within its head is written without a stream", async () => {
  const path = join(folder, "head-only.bin");
  const handle = await open(path, "w");
  await expect(nodeStreamWriter([Buffer.from("abc")], undefined, noHooks)(handle)).resolves.toBe(3);
  await handle.close();
  expect(await readFile(path, "utf8")).toBe("abc");
});

test("the stream is paused while the writes in flight are behind, and resumed as they finish", async () => {
  const path = join(folder, "paused.bin");
  const handle = await open(path, "w");
  const stream = new PassThrough();
  let pausedWhileFlowing = 0;
  stream.on("pause", () => pausedWhileFlowing++);
  const done = nodeStreamWriter([], stream, noHooks)(handle);
  for (let i = 0; i < 64; i++) stream.write(randomBytes(64 * 1024));
  stream.end();
  await expect(done).resolves.toBe(64 * 64 * 1024);
  await handle.close();
  expect(pausedWhileFlowing).toBeGreaterThan(0);
});

test("a stream that fails mid-way: its mapped error, after the writes in flight finished; nothing more is read", async () => {
  const path = join(folder, "broken.bin");
  const handle = await open(path, "w");
  const stream = new PassThrough();
  const failRead = (error: unknown) => new Error(`mapped: ${(error as Error).message}`);
  // The first chunk arrives, and the answer fails while its write is in flight.
  let received = 0;
  const onBytes = (bytes: number) => {
    received = bytes;
    stream.destroy(new Error("socket hang up"));
  };
  const done = nodeStreamWriter([], stream, { onBytes, failRead })(handle);
  stream.write(randomBytes(64 * 1024));
  stream.write(randomBytes(64 * 1024));
  await expect(done).rejects.toThrow("mapped: socket hang up");
  // The write started had finished when it failed, and nothing received after the failure was
  // written: the file holds the first chunk, though both were received.
  expect(received).toBe(2 * 64 * 1024);
  expect((await readFile(path)).length).toBe(64 * 1024);
  await handle.close();
});

test("a stream that closes before its end is a failure of the answer, not a success", async () => {
  const path = join(folder, "closed.bin");
  const handle = await open(path, "w");
  const stream = new PassThrough();
  const done = nodeStreamWriter([], stream, { onBytes: () => {}, failRead: (error) => new Error(`mapped: ${(error as Error).message}`) })(
    handle,
  );
  stream.write(Buffer.from("part"));
  stream.destroy();
  await expect(done).rejects.toThrow("mapped: the answer broke off before its end");
  await handle.close();
});

test("a disk that refuses the writes: the disk's error (not mapped as the answer's), and the stream is stopped", async () => {
  const path = join(folder, "read-only.bin");
  await writeFile(path, "");
  const handle = await open(path, "r");
  const stream = new PassThrough();
  const done = nodeStreamWriter([], stream, { onBytes: () => {}, failRead: () => new Error("not the answer's") })(handle);
  stream.write(Buffer.from("bytes"));
  await expect(done).rejects.toMatchObject({ code: "EBADF" });
  expect(stream.destroyed).toBe(true);
  await handle.close();
});

test("what a short write left: the rest of the chunk it stopped in, then the chunks after it", () => {
  const chunks = [Buffer.from("abc"), Buffer.from("defg"), Buffer.from("hi")];
  const restOf = (count: number) => Buffer.concat(chunksPast(count, chunks)).toString();
  expect(restOf(1)).toBe("bcdefghi");
  expect(restOf(3)).toBe("defghi");
  expect(restOf(5)).toBe("fghi");
  expect(restOf(8)).toBe("i");
  expect(chunksPast(3, chunks)[0]).toBe(chunks[1]); // a whole chunk is passed on, not copied
});
