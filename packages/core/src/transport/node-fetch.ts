/**
 * A `fetch` over node:http, Node's own path for every request the client makes without a
 * caller's `fetch` (given a `Request`, or the plain request of `engine/direct-client.ts`): an
 * upload writes its body from the source itself ({@link NativeBody}); a JSON answer is read whole
 * within the answer limit and handed over as its text (no web stream per answer); a download's
 * content is streamed as it arrives.
 * @module
 */
import type { Agent, ClientRequest, IncomingMessage } from "node:http";
import type { NetConnectOpts, Socket } from "node:net";
import { type AbortWatch, watchOf } from "../abort-watch.js";
import { ResponseTooLargeError } from "../bounded-response.js";
import { MiniMaxFilesError } from "../errors.js";
import { type AnswerFetch, type HttpAnswer, NodeAnswer, responseOf } from "../http-answer.js";
import { answersReadWhole, nodeAnswerBodies, socketBodies } from "../kept-answers.js";
import type { StreamGuard } from "../sources/guarded-stream.js";
import { writeWithBackpressure } from "../sources/node-writes.js";
import type { OpenedSource, SourceWriteOptions } from "../sources/types.js";
import { isNullBodyStatus } from "./null-body.js";
import { type RequestTarget, requestTarget } from "./request-target.js";
import { SocketBody } from "./socket-body.js";

/** A multipart body around one file, written by the fetch itself. */
export interface NativeBody extends SourceWriteOptions {
  head: Uint8Array;
  source: OpenedSource;
  tail: Uint8Array;
  /** Receives the error that stopped the body (a failing source, the size limit). */
  guard: StreamGuard;
}

/** How one request is sent and its answer handed over. */
export interface NodeFetchOptions {
  /** The body to write (the Request's own body is ignored); none when undefined. */
  body?: NativeBody | undefined;
  /**
   * Read the answer whole, up to this many bytes, before resolving (a JSON answer); beyond it the
   * Response's body fails with ResponseTooLargeError. Undefined: the body is streamed (a download).
   */
  answerLimit?: number | undefined;
  /**
   * For a streamed 2xx answer: leave its bytes in node:http's own stream, kept in
   * {@link nodeAnswerBodies} (the Response then has no body), for a reader that is faster without
   * a web stream (a download to a path). Other answers keep a web body.
   */
  keepNodeStream?: boolean | undefined;
  /**
   * Give each request a connection of its own (not one of the agent's), read through a
   * {@link SocketBody} kept in {@link socketBodies} beside a kept 2xx stream, so that a download
   * to a path can take the body over from the socket. The connection closes with the answer.
   */
  socketBody?: boolean | undefined;
}

type NodeModules = [
  typeof import("node:http"),
  typeof import("node:https"),
  { Readable: typeof import("node:stream").Readable },
  { urlToHttpOptions: typeof import("node:url").urlToHttpOptions },
];
/** Loaded once, on the first request (the package imports nothing Node-only up front); then at hand without an `await`. */
let nodeModules: Promise<NodeModules> | undefined;
let loadedModules: NodeModules | undefined;
/** Loaded on the first request through a {@link SocketBody}. */
let netModule: Promise<typeof import("node:net")> | undefined;

function loadNodeModules(): Promise<NodeModules> {
  nodeModules ??= (
    Promise.all([import("node:http"), import("node:https"), import("node:stream"), import("node:url")]) as Promise<NodeModules>
  ).then((modules) => (loadedModules = modules));
  return nodeModules;
}

/** A request checked and ready to open: where it goes, what stops it, its headers and whole body. */
interface ReadyRequest {
  target: RequestTarget;
  method: string;
  abort: AbortWatch;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** A `fetch` for node:http that sends as `options` say. */
export function nodeFetch(options: NodeFetchOptions = {}): AnswerFetch {
  // The first request (node:http not yet loaded) and one on a connection of its own wait; any
  // other opens at once, without an `async` function's promise around the answer's.
  const later = async (request: Request): Promise<HttpAnswer> => {
    const modules = loadedModules ?? (await loadNodeModules());
    const ready = readyRequest(request, options, modules);
    if (!options.socketBody) return send(modules, ready, options, undefined, undefined);
    const socketBody = new SocketBody();
    const agent = (ready.target.https ? modules[1] : modules[0]).globalAgent;
    return send(modules, ready, options, socketBody, await ownConnection(socketBody, ready.target, agent));
  };
  return (request) => {
    if (loadedModules === undefined || options.socketBody) return later(request);
    try {
      return send(loadedModules, readyRequest(request, options, loadedModules), options, undefined, undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** Checks `request` before anything is opened: refused when already aborted, or with a body Node's fetch does not send. */
function readyRequest(request: Request, options: NodeFetchOptions, [, , , url]: NodeModules): ReadyRequest {
  const target = requestTarget(request.url, url.urlToHttpOptions);
  // The direct client's request carries the attempt's abort; a `Request` its signal.
  const abort = (request as { abort?: AbortWatch }).abort ?? watchOf(request.signal);
  if (abort.aborted) throw abort.reason;
  const headers = plainHeaders(request.headers as Headers | Record<string, string>);
  const body = options.body ? undefined : wholeBody(request); // refused before a request is opened
  return { target, method: request.method, abort, headers, body };
}

/** Opens the request and answers as `options` say. */
function send(
  [http, https, { Readable }]: NodeModules,
  { target, method, abort, headers, body }: ReadyRequest,
  options: NodeFetchOptions,
  socketBody: SocketBody | undefined,
  connection: object | undefined,
): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const { hostname, port, protocol, auth, path } = target;
    const where = { protocol, hostname, port, auth, path, method, headers };
    const outgoing = (target.https ? https : http).request(connection ? { ...where, ...connection } : where);
    const settle = abort.watch(() => outgoing.destroy(abort.reason instanceof Error ? abort.reason : new Error("aborted")));
    outgoing.on("error", (error: Error) => {
      settle();
      reject(abort.aborted ? abort.reason : new TypeError("fetch failed", { cause: error }));
    });
    outgoing.once("response", (incoming: IncomingMessage) => {
      incoming.once("close", settle);
      const status = incoming.statusCode ?? 0;
      if (isNullBodyStatus(status)) {
        incoming.resume();
        resolve(answer(incoming, null));
      } else if (options.answerLimit === undefined && options.keepNodeStream && status >= 200 && status < 300) {
        const response = bodilessAnswer(incoming);
        // A failure before its reader listens must not go unheard (the reader sees `errored`).
        incoming.on("error", () => {});
        nodeAnswerBodies.set(response, incoming);
        if (socketBody) socketBodies.set(incoming, socketBody);
        resolve(response);
      } else if (options.answerLimit === undefined) {
        resolve(answer(incoming, Readable.toWeb(incoming) as ReadableStream<Uint8Array>));
      } else {
        readWhole(incoming, options.answerLimit, abort)
          .then((body) => {
            if (typeof body !== "string") return resolve(answer(incoming, body));
            // Status and headers only: undici's Response is made if a result hands it over.
            const response = bodilessAnswer(incoming);
            answersReadWhole.set(response, body);
            resolve(response);
          })
          .catch(reject); // a status no Response can hold
      }
    });
    const native = options.body;
    if (!native) {
      outgoing.end(body);
      return;
    }
    writeBody(outgoing, native).then(
      () => outgoing.end(),
      (error: unknown) => {
        if (error instanceof MiniMaxFilesError) native.guard.failure ??= error;
        if (!outgoing.destroyed) outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * The request options that give a request its own connection, read through `socketBody`, made as
 * `agent` (the protocol's global agent) makes its sockets: with its options (say, a `ca` set on
 * `https.globalAgent.options`) and, for https, the host name sent for SNI unless it is an IP
 * address. Made through the agent, so that an http download never loads node:tls (whose import
 * builds its root certificate list: about 1 ms here, 10–30 ms while the machine was busy).
 */
async function ownConnection(socketBody: SocketBody, target: RequestTarget, agent: Agent): Promise<object> {
  netModule ??= import("node:net");
  const { isIP } = await netModule;
  const { https } = target;
  const connect = (options: object) => {
    const merged: { host?: string; servername?: string } = { ...options, ...(agent as { options?: object }).options };
    if (https && merged.servername === undefined && merged.host && isIP(merged.host) === 0) merged.servername = merged.host;
    return agent.createConnection(merged as NetConnectOpts) as Socket;
  };
  return { createConnection: socketBody.connection(connect), ...(https ? { defaultPort: 443 } : {}) };
}

/** The request's headers as node:http takes them: a `Headers`, or the plain object a direct request carries. */
function plainHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  // Told apart without naming the global `Headers`: reading it first loads undici (about 30 ms and 3 MB of heap).
  if (typeof headers.entries !== "function") return headers as Record<string, string>;
  const plain: Record<string, string> = {};
  for (const [name, value] of (headers as Headers).entries()) plain[name] = value;
  return plain;
}

/** A body given whole (a JSON text, bytes) on a request, else none; a stream is not (Node's own fetch writes uploads itself). */
function wholeBody(request: Request): string | Uint8Array | undefined {
  const { body } = request as { body: unknown };
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body !== null && body !== undefined) throw new TypeError("Node's own fetch sends a text or bytes body only");
  return undefined;
}

/** A fetch `Response` for a node:http answer with `body`. */
function answer(incoming: IncomingMessage, body: BodyInit | null): Response {
  return responseOf(incoming.statusCode ?? 0, incoming.statusMessage ?? "", incoming.rawHeaders, body);
}

/** A node:http answer's status and headers, its bytes kept apart (read whole, or left in its stream). */
function bodilessAnswer(incoming: IncomingMessage): NodeAnswer {
  return new NodeAnswer(incoming.statusCode ?? 0, incoming.statusMessage ?? "", incoming.rawHeaders);
}

/**
 * The whole answer as text, or (when it passes `limit`, breaks off or is aborted) a body that
 * fails with that reason when read, as a streamed body would have: the Response itself still
 * says an answer arrived.
 */
function readWhole(incoming: IncomingMessage, limit: number, abort: AbortWatch): Promise<string | ReadableStream<Uint8Array>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const fail = (reason: unknown) => {
      if (settled) return;
      settled = true;
      incoming.destroy();
      resolve(new ReadableStream({ start: (controller) => controller.error(reason) }));
    };
    incoming.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) fail(new ResponseTooLargeError(limit));
      else chunks.push(chunk);
    });
    incoming.once("end", () => {
      if (settled) return;
      settled = true;
      resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)).toString("utf8"));
    });
    const brokeOff = (cause: () => unknown) => {
      if (!settled) fail(abort.aborted ? abort.reason : new TypeError("terminated", { cause: cause() }));
    };
    incoming.once("error", (error) => brokeOff(() => error));
    incoming.once("close", () => brokeOff(() => new Error("the answer broke off before its end")));
  });
}

async function writeBody(request: ClientRequest, body: NativeBody): Promise<void> {
  await writeWithBackpressure(request, body.head);
  await body.source.writeTo(request, body);
  await writeWithBackpressure(request, body.tail);
}
