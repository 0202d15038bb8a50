/**
 * The request openapi-fetch builds when the client sends through Node's own fetch
 * (`node-fetch.ts`): the URL, method, headers, signal and a whole body, which is all that fetch reads. A full
 * `Request` would copy the headers, follow the signal with an AbortController of its own and
 * check every field, which is most of a small request's cost.
 * @module
 */

/** What a {@link NodeRequest} is made from: a RequestInit, or another NodeRequest (a middleware's rewrite). */
interface NodeRequestInit {
  method?: string | undefined;
  headers?: HeadersInit | undefined;
  signal?: AbortSignal | null | undefined;
  redirect?: RequestRedirect | undefined;
  body?: BodyInit | null | undefined;
}

/** A light `Request` for Node's own fetch (given to openapi-fetch as its `Request` class). */
export class NodeRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  readonly redirect: RequestRedirect;
  /** A body given whole (a JSON text); an upload's bytes are written by the fetch itself. */
  readonly body: BodyInit | null;

  constructor(input: string | URL, init: NodeRequestInit = {}) {
    this.url = String(input);
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? new AbortController().signal;
    this.redirect = init.redirect ?? "follow";
    this.body = init.body ?? null;
  }
}
