/**
 * Every kind of upload source behaves the same through the one `OpenedSource` interface: what
 * it says about itself (name, type, size, replayable) and what it reads (head, stream, Blob,
 * Node writes), so that the checks and the transports never ask which kind they hold.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { SourceError } from "../src/errors.js";
import { keptChunks, takeChunk } from "../src/sources/chunk-pool.js";
import { openSource as openAnySource } from "../src/sources/open-source.js";
import type { OpenedSource, UploadSource } from "../src/sources/types.js";

const run = promisify(execFile);
/** Every source a test opened, closed after it (a path's handle stays open until it is sent or closed). */
const opened: OpenedSource[] = [];
const openSource = async (source: UploadSource) => {
  const result = await openAnySource(source);
  opened.push(result);
  return result;
};
afterEach(async () => {
  for (const source of opened.splice(0)) await source.close();
});
const bytes = new Uint8Array(300_000).map((_, i) => (i * 31 + 7) % 251);
let folder = "";
let path = "";

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "sources-test-"));
  path = join(folder, "voice.wav");
  await writeFile(path, bytes);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** A web stream of `bytes` in 64 KiB chunks. */
const webStream = () => Readable.toWeb(Readable.from(chunks())) as ReadableStream<Uint8Array>;
function* chunks() {
  for (let offset = 0; offset < bytes.length; offset += 65_536) yield Buffer.from(bytes.subarray(offset, offset + 65_536));
}

interface Kind {
  make: () => UploadSource;
  name: string | undefined;
  declaredType: string | undefined;
  size: number | undefined;
  replayable: boolean;
}

const kinds: Record<string, Kind> = {
  path: { make: () => path, name: "voice.wav", declaredType: undefined, size: bytes.length, replayable: true },
  "file: URL": { make: () => pathToFileURL(path), name: "voice.wav", declaredType: undefined, size: bytes.length, replayable: true },
  Blob: {
    make: () => new Blob([bytes], { type: "audio/wav" }),
    name: undefined,
    declaredType: "audio/wav",
    size: bytes.length,
    replayable: true,
  },
  File: {
    make: () => new File([bytes], "take.wav", { type: "audio/x-wav" }),
    name: "take.wav",
    declaredType: "audio/x-wav",
    size: bytes.length,
    replayable: true,
  },
  Uint8Array: { make: () => bytes, name: undefined, declaredType: undefined, size: bytes.length, replayable: true },
  ArrayBuffer: { make: () => bytes.slice().buffer, name: undefined, declaredType: undefined, size: bytes.length, replayable: true },
  "Node Readable": { make: () => Readable.from(chunks()), name: undefined, declaredType: undefined, size: undefined, replayable: false },
  ReadableStream: { make: webStream, name: undefined, declaredType: undefined, size: undefined, replayable: false },
  Response: {
    make: () => {
      const response = new Response(webStream(), {
        headers: { "content-type": "audio/wav; rate=16000", "content-length": String(bytes.length) },
      });
      Object.defineProperty(response, "url", { value: "https://cdn.example.com/clips/my%20voice.wav" });
      return response;
    },
    name: "my voice.wav",
    declaredType: "audio/wav",
    size: bytes.length,
    replayable: false,
  },
};

/** Whether `actual` holds exactly `expected` (a byte comparison: deep equality over 300 KB is slow). */
function expectBytes(actual: Uint8Array, expected: Uint8Array = bytes): void {
  expect(actual.length).toBe(expected.length);
  expect(
    Buffer.compare(
      Buffer.from(actual.buffer, actual.byteOffset, actual.length),
      Buffer.from(expected.buffer, expected.byteOffset, expected.length),
    ),
  ).toBe(0);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Writes the source to a Node Writable, as Node's upload path does; returns the bytes and the last progress total. */
async function written(source: OpenedSource, maxBytes?: number): Promise<{ bytes: Uint8Array; lastTotal: number }> {
  const sink = new PassThrough();
  const received: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => received.push(chunk));
  let lastTotal = 0;
  await source.writeTo(sink, { maxBytes, onBytes: (total) => (lastTotal = total), attempt: 1 });
  // The last chunks may still be on their way (a file's send does not wait for them): the request ends, as an upload's does.
  await new Promise((resolve) => sink.end(resolve));
  return { bytes: new Uint8Array(Buffer.concat(received)), lastTotal };
}

describe.each(Object.entries(kinds))("%s", (_, kind) => {
  test("describes itself: name, declared type, size, replayable", async () => {
    const source = await openSource(kind.make());
    expect({ name: source.name, declaredType: source.declaredType, size: source.size, replayable: source.replayable }).toEqual({
      name: kind.name,
      declaredType: kind.declaredType,
      size: kind.size,
      replayable: kind.replayable,
    });
    expect(source.random).toBe(kind.replayable);
    await source.close();
  });

  test("head() gives the first bytes, and the body still starts at the first byte", async () => {
    const source = await openSource(kind.make());
    const head = await source.head(12);
    expect({ bytes: new Uint8Array(head.bytes), ended: head.ended }).toEqual({ bytes: bytes.subarray(0, 12), ended: false });
    expectBytes(await readAll(source.stream()));
  });

  test("writeTo() writes every byte to a Node request, reporting the total, after a head() too", async () => {
    const source = await openSource(kind.make());
    await source.head(70_000);
    const { bytes: out, lastTotal } = await written(source);
    expectBytes(out);
    expect(lastTotal).toBe(bytes.length);
  });

  test("blob() holds every byte", async () => {
    const source = await openSource(kind.make());
    expectBytes(new Uint8Array(await (await source.blob()).arrayBuffer()));
  });

  test(kind.replayable ? "can be sent twice (a retry)" : "cannot be sent twice: reopen() is itself", async () => {
    const source = await openSource(kind.make());
    await written(source);
    const again = await source.reopen();
    if (kind.replayable) expectBytes((await written(again)).bytes);
    else expect(again).toBe(source);
  });
});

test("a one-shot stream passing the size limit as it is written fails with the limit, at the attempt it was sent in", async () => {
  const source = await openSource(Readable.from(chunks()));
  await expect(source.writeTo(new PassThrough().resume(), { maxBytes: 100_000, onBytes: () => {}, attempt: 2 })).rejects.toMatchObject({
    name: "AudioPreflightError",
    rule: "size",
    attempts: 2,
  });
});

test("a file reopened for a retry is read as it is now; one that shrank since it was opened fails with SourceError", async () => {
  const shrinking = join(folder, "shrinking.wav");
  await writeFile(shrinking, bytes);
  const source = await openSource(shrinking);
  await writeFile(shrinking, bytes.subarray(0, 1000));
  const failure = await written(source).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(SourceError);
  expect(failure).toMatchObject({ bytesRead: 1000, expectedBytes: bytes.length, attempts: 1 });
  const reopened = await source.reopen();
  expect(reopened.size).toBe(1000);
  expectBytes((await written(reopened)).bytes, bytes.subarray(0, 1000));
});

/** Open file descriptors of this process (Linux). */
const openDescriptors = async () => (await readdir("/proc/self/fd")).length;

describe.skipIf(process.platform !== "linux")("a path is opened once", () => {
  test("the handle the checks read stays open until the send, which reads through it and closes it", async () => {
    const before = await openDescriptors();
    const source = await openSource(path);
    expect(await openDescriptors()).toBe(before + 1);
    await source.head(12);
    expect(await openDescriptors()).toBe(before + 1);
    expectBytes((await written(source)).bytes);
    await source.close(); // waits for the close the send started
    expect(await openDescriptors()).toBe(before);
    await source.close(); // harmless again
    expect(await openDescriptors()).toBe(before);
  });

  test("close() releases the handle of a source never sent (a refusal, an abort)", async () => {
    const before = await openDescriptors();
    const source = await openSource(path);
    await source.close();
    expect(await openDescriptors()).toBe(before);
  });

  test("the send reads the file that was checked, even when the path is replaced in between", async () => {
    const replaced = join(folder, "replaced.wav");
    await writeFile(replaced, bytes);
    const source = await openSource(replaced);
    await writeFile(`${replaced}.new`, bytes.subarray(0, 500));
    await rename(`${replaced}.new`, replaced);
    expectBytes((await written(source)).bytes);
  });

  test("a FIFO is refused as not a regular file, without waiting for a writer", async () => {
    const fifo = join(folder, "voice.fifo");
    await run("mkfifo", [fifo]);
    await expect(openSource(fifo)).rejects.toMatchObject({
      name: "InvalidInputError",
      message: expect.stringContaining("not a regular file"),
    });
  });
});

test("discard() stops a one-shot stream that will not be read", async () => {
  const readable = Readable.from(chunks());
  await (await openSource(readable)).discard("not needed");
  expect(readable.destroyed).toBe(true);
  const stream = webStream();
  await (await openSource(stream)).discard("not needed");
  await expect(stream.getReader().read()).resolves.toEqual({ done: true, value: undefined });
});

describe("read buffers kept between uploads (sources/chunk-pool.ts)", () => {
  test("a buffer that held a larger file sends only the smaller file's bytes; the buffers come back after each send", async () => {
    const large = join(folder, "large.bin");
    const small = join(folder, "small.bin");
    const shrinking = join(folder, "shrinking.bin");
    await writeFile(large, new Uint8Array(2.5 * 1024 * 1024).fill(0xaa));
    await writeFile(small, new Uint8Array(100_000).fill(0x55));
    for (const file of [large, small, large, small]) {
      const source = await openSource(file);
      await source.head(12); // the checks' first read: the body's first chunk
      const expected = new Uint8Array(source.size ?? 0).fill(file === large ? 0xaa : 0x55);
      expectBytes((await written(source)).bytes, expected);
      await source.close();
      await new Promise((resolve) => setImmediate(resolve)); // the writes' callbacks have run
      expect(keptChunks()).toBeGreaterThan(0);
    }
    // A file that shrinks after its checks: only what was read now is sent, never a kept buffer's old bytes.
    await writeFile(shrinking, new Uint8Array(1.5 * 1024 * 1024).fill(0x33));
    const source = await openSource(shrinking);
    await writeFile(shrinking, new Uint8Array(1000).fill(0x44));
    const sink = new PassThrough();
    const received: Buffer[] = [];
    sink.on("data", (chunk: Buffer) => received.push(chunk));
    await expect(source.writeTo(sink, { maxBytes: undefined, onBytes: () => {}, attempt: 1 })).rejects.toBeInstanceOf(SourceError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(received).every((byte) => byte === 0x44)).toBe(true);
    expect(Buffer.concat(received).length).toBe(1000);
  });

  test("a source closed before it was sent gives its first chunk back", async () => {
    while (keptChunks() > 0) takeChunk(); // none kept, so that one coming back shows
    const source = await openSource(path);
    await source.head(12);
    expect(keptChunks()).toBe(0);
    await source.close();
    expect(keptChunks()).toBe(1);
  });
});
