/**
 * A download's socket, read into one reused buffer (`net`'s `onread`) instead of a new buffer per
 * read. node:http still reads the answer: its parser is handed a copy of what arrives. Once a
 * reader takes the body over ({@link SocketBody.takeOver}), the rest of the body goes from that
 * buffer straight to the reader, past node:http's parser and streams: no allocation per read, so
 * no garbage collection paced by the download. node:http's own path allocates a buffer per read
 * and pushes it through two streams: a 200 MB download to a path ran at 0.18–0.54× curl's speed
 * that way, 0.81–1.19× this way (the bench, see the README's Performance).
 *
 * Only a body framed by `Content-Length` is taken over (a chunked one stays with node:http), and
 * the socket is this request's own: it is closed when the body ends, never reused.
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/** Bytes read from the socket at a time: what one read of the kernel's buffer can hand over. */
const readBytes = 256 * 1024;

/** Who takes a body over from its socket. */
export interface BodyTaker {
  /**
   * The body's next bytes, in order. They are valid only until `take` returns (the buffer is read
   * into again): write them, or copy what is kept. Returns false to stop reading until
   * {@link SocketBody.resume}. Must not throw.
   */
  take(bytes: Buffer): boolean;
  /** Every byte the answer declared has been taken; the socket is closed. */
  end(): void;
  /** The answer broke off before its end (the socket closed, failed, or was destroyed by an abort). */
  fail(error: Error): void;
}

/** The connection of one request whose body may be taken over, made by node:http through {@link SocketBody.connection}. */
export class SocketBody {
  readonly #buffer = Buffer.allocUnsafe(readBytes);
  #socket: Socket | undefined;
  #taker: BodyTaker | undefined;
  /** Body bytes still to come once taken over. */
  #remaining = 0;

  /**
   * node:http's `createConnection` for the request: a socket read into this body's buffer, made
   * by `connect` (the protocol's global agent, see `node-fetch.ts`).
   */
  connection(connect: (options: object) => Socket): (options: object) => Socket {
    return (options) => {
      const socket = connect({ ...options, onread: { buffer: this.#buffer, callback: (count: number) => this.#read(count) } });
      this.#socket = socket;
      return socket;
    };
  }

  /**
   * Whether the rest of `incoming`'s body can be taken over, `parsed` of its bytes having been
   * read from node:http's stream: a 2xx body framed by `Content-Length` on this body's socket.
   */
  canTakeOver(incoming: IncomingMessage, parsed: number): boolean {
    return this.#restOf(incoming, parsed) !== undefined;
  }

  /**
   * Takes over the rest of `incoming`'s body (see {@link SocketBody.canTakeOver}; returns false,
   * changing nothing, when it cannot): what node:http parsed but did not hand out yet, then every
   * byte read from the socket, up to the `Content-Length`.
   */
  takeOver(incoming: IncomingMessage, parsed: number, taker: BodyTaker): boolean {
    const rest = this.#restOf(incoming, parsed);
    const socket = this.#socket;
    if (rest === undefined || !socket) return false;
    this.#remaining = rest;
    this.#taker = taker;
    socket.once("close", this.#onClose);
    // What node:http parsed before the take-over, still in its stream (it parses nothing more now).
    let more = true;
    for (let chunk: Buffer | null = incoming.read(); chunk !== null && this.#taker; chunk = incoming.read())
      more = this.#deliver(chunk) && more;
    if (this.#taker && this.#remaining === 0) this.#deliver(Buffer.alloc(0)); // it had all arrived
    if (!this.#taker) return true;
    if (socket.destroyed) this.#onClose();
    else if (more)
      socket.resume(); // node:http paused it while its stream was full
    else socket.pause(); // the taker is behind: it resumes
    return true;
  }

  /** The body bytes of `incoming` past `parsed`, when it can be taken over. */
  #restOf(incoming: IncomingMessage, parsed: number): number | undefined {
    const declared = incoming.headers["content-length"];
    const length = declared === undefined ? Number.NaN : Number(declared);
    if (!this.#socket || this.#taker || incoming.socket !== this.#socket || incoming.headers["transfer-encoding"] !== undefined)
      return undefined;
    return Number.isSafeInteger(length) && length >= parsed ? length - parsed : undefined;
  }

  /** Stops taking the body (a failure on the reader's side) and closes the socket; the taker hears nothing more. */
  cancel(): void {
    this.#taker = undefined;
    this.#socket?.destroy();
  }

  /** Reads again after a taker's `take` returned false. */
  resume(): void {
    if (this.#taker) this.#socket?.resume();
  }

  /** A read into the buffer: node:http's (a copy) until the body is taken over, then the taker's. Returns whether to read on. */
  #read(count: number): boolean {
    const bytes = this.#buffer.subarray(0, count);
    if (!this.#taker) {
      this.#socket?.emit("data", Buffer.from(bytes));
      return true;
    }
    return this.#deliver(bytes);
  }

  /**
   * Hands `bytes` (up to what is left of the body; anything past it is not the body) to the
   * taker; at the end, closes the socket. Returns whether to read on.
   */
  #deliver(bytes: Buffer): boolean {
    const taker = this.#taker!;
    const body = bytes.length > this.#remaining ? bytes.subarray(0, this.#remaining) : bytes;
    this.#remaining -= body.length;
    const more = body.length > 0 ? taker.take(body) : true;
    if (this.#taker !== taker) return false;
    if (this.#remaining > 0) return more;
    this.#taker = undefined;
    this.#socket?.off("close", this.#onClose);
    this.#socket?.destroy();
    taker.end();
    return false;
  }

  readonly #onClose = () => {
    const taker = this.#taker;
    this.#taker = undefined;
    taker?.fail(new Error("the answer broke off before its end"));
  };
}
