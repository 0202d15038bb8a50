import { connect, type Socket } from "node:net";

/** A bare TCP connection to an HTTP server, to send exactly the bytes a test wants. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server has sent so far, as text. */
  received(): string;
  /** Resolves once the received text matches `pattern` (or rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves once the connection is closed, by either side. */
  closed: Promise<void>;
  /** Writes until the connection refuses more, the total reaches `maxBytes`, or `until()` holds; resolves with the bytes written. */
  writeUntilRefused(chunk: Uint8Array, maxBytes: number, until?: () => boolean): Promise<number>;
}

/** Opens a raw connection to `url`'s host and port. */
export async function openRaw(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let text = "";
  const waiters: Array<() => void> = [];
  socket.on("data", (chunk: Buffer) => {
    text += chunk.toString("latin1");
    for (const wake of waiters.splice(0)) wake();
  });
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) =>
    socket.once("close", () => {
      resolve();
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  return {
    socket,
    received: () => text,
    closed,
    waitFor(pattern, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; received: ${text.slice(0, 400)}`)),
          timeoutMs,
        );
        const check = () => {
          const match = pattern.exec(text);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          } else if (socket.destroyed) {
            clearTimeout(timer);
            reject(new Error(`connection closed without ${pattern}; received: ${text.slice(0, 400)}`));
          } else waiters.push(check);
        };
        check();
      });
    },
    async writeUntilRefused(chunk, maxBytes, until = () => false) {
      let written = 0;
      while (written < maxBytes && !socket.destroyed && !socket.writableEnded && !until()) {
        const flushed = socket.write(chunk);
        written += chunk.length;
        if (!flushed) {
          const drained = await Promise.race([
            new Promise<boolean>((resolve) => socket.once("drain", () => resolve(true))),
            closed.then(() => false),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000)),
          ]);
          if (!drained) break;
        }
      }
      return written;
    },
  };
}

/** A multipart/form-data body around `file`, with the head, the file bytes and the tail apart. */
export function multipartParts(purpose: string, file: Uint8Array, boundary = "----rawtestboundary") {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="voice.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head,
    file: Buffer.from(file),
    tail,
    length: head.length + file.length + tail.length,
  };
}
