/**
 * An HTTP answer as the client reads it: its status, its headers and (when it streams) its body.
 * A fetch `Response` is one; in Node an answer read whole is a {@link NodeAnswer}, which skips
 * undici's `Response` and `Headers` (about 20 µs of CPU per request, measured side by side) and
 * makes the `Response` only when a `…WithResponse` result hands it over.
 * @module
 */

/** A `fetch` that may answer with a {@link NodeAnswer}: Node's own (`transport/node-fetch.ts`). */
export type AnswerFetch = (request: Request) => Promise<HttpAnswer>;

/** What the client reads of an answer. */
export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Pick<Headers, "get">;
  readonly body: ReadableStream<Uint8Array> | null;
}

/** A node:http answer whose body was read whole (the text is kept apart): status and headers only. */
export class NodeAnswer implements HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly body = null;
  readonly headers: Pick<Headers, "get">;
  readonly #rawHeaders: readonly string[];
  #response: Response | undefined;

  /** @param rawHeaders node:http's `rawHeaders`: names and values, alternating, as received */
  constructor(status: number, statusText: string, rawHeaders: readonly string[]) {
    this.status = status;
    this.statusText = statusText;
    this.#rawHeaders = rawHeaders;
    this.headers = { get: (name) => this.#header(name) };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The answer as a fetch `Response` without a body (its bytes were read apart), made once. */
  toResponse(): Response {
    this.#response ??= responseOf(this.status, this.statusText, this.#rawHeaders, null);
    return this.#response;
  }

  /** A header's value as `Headers.get` gives it: case-insensitive, repeated values joined by ", ". */
  #header(name: string): string | null {
    const wanted = name.toLowerCase();
    const raw = this.#rawHeaders;
    let value: string | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() === wanted) value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]}`;
    }
    return value;
  }
}

/** A fetch `Response` with `body` and the headers node:http received (`rawHeaders`: names and values, alternating). */
export function responseOf(status: number, statusText: string, rawHeaders: readonly string[], body: BodyInit | null): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.append(rawHeaders[i]!, rawHeaders[i + 1]!);
  return new Response(body, { status, statusText, headers });
}

/** The answer as a fetch `Response`, for a result that hands it over. */
export function asResponse(answer: HttpAnswer): Response {
  return answer instanceof NodeAnswer ? answer.toResponse() : (answer as Response);
}

/**
 * `fields` with a `response`: `answer` as a `Response`, made when first read (enumerable, so a
 * spread or `JSON.stringify` sees it as a plain property would be). Most callers never read it.
 */
export function withResponseOf<T extends object>(fields: T, answer: HttpAnswer): T & { readonly response: Response } {
  return Object.defineProperty(fields, "response", { get: () => asResponse(answer), enumerable: true, configurable: true }) as T & {
    readonly response: Response;
  };
}
