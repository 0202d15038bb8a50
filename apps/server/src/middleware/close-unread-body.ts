import type { IncomingMessage } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import type { MiddlewareHandler } from "hono";

/** After answering early: how long the connection stays open, and how much of the caller's body is read and thrown away meanwhile. */
const lingerMs = 1_000;
const lingerBytes = 1024 * 1024;

/**
 * When the answer goes out before the caller's body was read to its end (a refusal, a failed
 * upload), answers with `Connection: close` and closes the connection without draining the
 * body: it sends the answer and a FIN, reads and discards at most 1 MiB more of the body, then
 * stops reading from the socket, and closes the connection 1 s after the answer (so a caller
 * still writing gets to read the answer before the reset a close with unread data causes).
 * Node alone would either drain the whole body (keep-alive) or reset at once, which loses the
 * answer of a caller that is still sending.
 */
export function closeUnreadBody(): MiddlewareHandler<{ Bindings: Partial<HttpBindings> }> {
  return async (c, next) => {
    await next();
    const { incoming, outgoing } = c.env ?? {};
    if (!incoming || !outgoing || incoming.complete || outgoing.headersSent) return;
    outgoing.setHeader("Connection", "close");
    // Node ends a `Connection: close` answer with socket.destroySoon(): linger instead.
    const socket = incoming.socket;
    socket.destroySoon = () => lingeringClose(incoming);
  };
}

function lingeringClose(incoming: IncomingMessage): void {
  const socket = incoming.socket;
  socket.end();
  let discarded = 0;
  const close = () => socket.destroy();
  const timer = setTimeout(close, lingerMs);
  socket.once("close", () => clearTimeout(timer));
  // Counted on the socket itself: once Node has answered, it dumps the rest of the request body
  // in its parser, past any pause of the request stream, so only the socket can stop the reading.
  socket.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    // Past the cap, stop reading but keep the connection until the time is up: a caller that
    // is still writing then blocks on a full window, and reads the answer meanwhile.
    if (discarded > lingerBytes) socket.pause();
  });
  incoming.removeAllListeners("data");
  incoming.resume();
}
