/**
 * Where a request goes, as node:http's options: the URL's origin and path parsed once per URL
 * without its query, the query appended as it is. Handing node:http a URL (or a string) makes it
 * parse the whole URL and convert it again on every request (`new URL`, `urlToHttpOptions`: about
 * 3 µs of a small request's CPU before its first byte is written).
 * @module
 */
import type { urlToHttpOptions as UrlToHttpOptions } from "node:url";

/** The part of node:http's request options that says where it goes. */
export interface RequestTarget {
  readonly https: boolean;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly auth: string | undefined;
  /** The path and query, as sent. */
  readonly path: string;
}

/** A query the client built: only what `encodeURIComponent` leaves unescaped, less `'` (which a URL would escape). */
const plainQuery = /^\?[A-Za-z0-9\-_.!~*()%&=]*$/;
/** Parsed targets by URL without query: a client's few operation paths. */
const targets = new Map<string, RequestTarget>();
const mostTargets = 64;

/**
 * The target of `url`, as `new URL(url)` and `urlToHttpOptions` would give it.
 * @param toOptions node:url's `urlToHttpOptions` (node:url is loaded with node:http, on first use)
 */
export function requestTarget(url: string, toOptions: typeof UrlToHttpOptions): RequestTarget {
  const queryAt = url.indexOf("?");
  const query = queryAt === -1 ? "" : url.slice(queryAt);
  // Anything but a plain query (a fragment, characters a URL would escape) is parsed whole.
  if (query !== "" && !plainQuery.test(query)) return targetOf(new URL(url), toOptions);
  const base = queryAt === -1 ? url : url.slice(0, queryAt);
  let target = targets.get(base);
  if (target === undefined) {
    target = targetOf(new URL(base), toOptions);
    if (targets.size >= mostTargets) targets.clear();
    targets.set(base, target);
  }
  if (query === "") return target;
  // Written out: a spread of the kept target costs more than the request's own parse saved.
  const { https, protocol, hostname, port, auth } = target;
  return { https, protocol, hostname, port, auth, path: target.path + query };
}

function targetOf(url: URL, toOptions: typeof UrlToHttpOptions): RequestTarget {
  const options = toOptions(url);
  return {
    https: url.protocol === "https:",
    protocol: url.protocol,
    hostname: options.hostname ?? "",
    port: typeof options.port === "number" ? options.port : undefined,
    auth: options.auth ?? undefined,
    path: options.path ?? "/",
  };
}
