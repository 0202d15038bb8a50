/**
 * A `fetch` for Node.js built on `node:http`/`node:https`, used for uploads unless the caller
 * passes a `fetch` of their own. Compared with Node's built-in fetch (undici) it:
 * - destroys the connection at once when the request's signal aborts (a timeout or the caller),
 *   where undici keeps an aborted request's socket until its keep-alive timeout;
 * - writes the body with backpressure, so memory stays constant without undici's redirect
 *   buffering (nodejs/undici#4058);
 * - moves bytes about 1.3× faster (see bench/).
 * It never follows redirects: a 3xx answer is returned as is.
 * @module
 */
import type { IncomingMessage } from "node:http";

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/** Sends a `Request` with node:http(s) and resolves with its `Response`, as `fetch` does. */
export async function nodeHttpFetch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [{ request: send }, { Readable, pipeline }] = await Promise.all([
    url.protocol === "https:" ? import("node:https") : import("node:http"),
    import("node:stream"),
  ]);
  const { signal } = request;
  if (signal.aborted) throw signal.reason;

  return new Promise<Response>((resolve, reject) => {
    const outgoing = send(url, { method: request.method, headers: Object.fromEntries(request.headers) });
    const onAbort = () => outgoing.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal.removeEventListener("abort", onAbort);

    outgoing.on("error", (error) => {
      settle();
      reject(signal.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
    });
    outgoing.once("response", (incoming: IncomingMessage) => {
      incoming.once("close", settle);
      const status = incoming.statusCode ?? 0;
      const body = nullBodyStatuses.has(status) ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
      if (!body) incoming.resume();
      resolve(new Response(body, { status, statusText: incoming.statusMessage ?? "", headers: toHeaders(incoming.rawHeaders) }));
    });

    if (!request.body) {
      outgoing.end();
      return;
    }
    // Backpressure end to end; a failing source or a destroyed request ends both sides.
    pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>), outgoing, (error) => {
      if (error && !outgoing.destroyed) outgoing.destroy(error);
    });
  });
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}
