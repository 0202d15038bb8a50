/**
 * The operations' requests in Node, without openapi-fetch's machinery: the same `GET`/`POST`
 * calls (typed by the spec's paths), sent with the transport's own fetch (node:http) as a plain
 * request object. openapi-fetch merges headers into `Headers`, builds a `Request`, runs its
 * middleware loop and reads the answer through undici's body mixin: on a small request that is
 * about a third of the client's cost (measured side by side, see the README's Performance). Other
 * runtimes, and a caller's `fetch`, still go through openapi-fetch.
 * @module
 */
import type { Client, Middleware } from "openapi-fetch";
import { type AbortWatch, watchOf } from "../abort-watch.js";
import type { paths } from "../generated/openapi.js";
import type { AnswerFetch, HttpAnswer } from "../http-answer.js";
import { answersReadWhole } from "../kept-answers.js";
import { type GatewayPath, operationURL } from "./paths.js";

/** What the operations call: openapi-fetch's `GET` and `POST`. */
export type OperationsClient = Pick<Client<paths>, "GET" | "POST">;

/** The request the transport's fetch takes: what node-fetch.ts reads of a `Request`. */
export interface DirectRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** What stops the request: the attempt's deadline (with the caller's signal), watched without an `AbortSignal`. */
  abort: AbortWatch;
  redirect: RequestRedirect;
  body: string | null;
}

/** The abort of a call given none: never. */
const neverAborted: AbortWatch = { aborted: false, reason: undefined, watch: () => () => {} };

/** The options of one call, as the operations pass them (a subset of openapi-fetch's). */
interface CallOptions {
  params?: { query?: Record<string, string | number | boolean | undefined> };
  body?: unknown;
  bodySerializer?: (body: unknown) => unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  abort?: AbortWatch;
  redirect?: RequestRedirect;
  parseAs?: "text" | "stream";
  middleware?: Middleware[];
  fetch?: AnswerFetch;
}

/**
 * Node's own fetch as the `fetch` option of an operation's call. Only the direct client is ever
 * given one (the transport has it only where the engine uses the direct client), and its answers
 * (`HttpAnswer`s) are read as such: the operations read `result.response` through `HttpAnswer`'s
 * members and hand it over with `asResponse`, never as a `Response`.
 */
export function sendingWith(fetch: AnswerFetch): (request: Request) => Promise<Response> {
  return fetch as (request: Request) => Promise<Response>;
}

/** `?name=value&…` of the parameters given (none: ""), each part percent-encoded. */
function queryString(query: Record<string, string | number | boolean | undefined>): string {
  let search = "";
  for (const name in query) {
    const value = query[name];
    if (value !== undefined) search += `${search ? "&" : "?"}${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`;
  }
  return search;
}

/** A client that sends every call with `send` (Node's own fetch) to `baseURL`. */
export function directClient(baseURL: string, send: AnswerFetch): OperationsClient {
  const urls = new Map<string, string>();
  const call = async (method: string, path: GatewayPath, options: CallOptions = {}) => {
    let url = urls.get(path);
    if (url === undefined) {
      url = operationURL(baseURL, path);
      urls.set(path, url);
    }
    const query = options.params?.query;
    if (query) url += queryString(query);
    const serialized = options.body === undefined ? undefined : options.bodySerializer?.(options.body);
    const request: DirectRequest = {
      url,
      method,
      headers: options.headers ?? {},
      abort: options.abort ?? (options.signal ? watchOf(options.signal) : neverAborted),
      redirect: options.redirect ?? "error",
      body: typeof serialized === "string" ? serialized : null,
    };
    let response: HttpAnswer = await (options.fetch ?? send)(request as unknown as Request);
    for (const middleware of options.middleware ?? []) {
      const result = middleware.onResponse?.({ request: request as unknown as Request, response } as never);
      const replaced = result instanceof Promise ? await result : result; // the engine's own are synchronous
      // The engine's own middleware returns the answer or its replacement (never `instanceof Response`: naming the global loads undici).
      if (replaced) response = replaced as HttpAnswer;
    }
    if (options.parseAs === "stream" && response.ok) return { data: response.body, response };
    // An answer not read whole is a Response with a body (an error body, or one that failed as it was read).
    const text = answersReadWhole.get(response) ?? (await (response as Response).text());
    if (response.ok) return { data: text, response };
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {
      // not JSON: the text, as openapi-fetch gives it
    }
    return { error, response };
  };
  return {
    GET: ((path: GatewayPath, options?: CallOptions) => call("GET", path, options)) as OperationsClient["GET"],
    POST: ((path: GatewayPath, options?: CallOptions) => call("POST", path, options)) as OperationsClient["POST"],
  };
}
