import type { IncomingMessage } from "node:http";
import { isNullBodyStatus } from "./null-body.js";

/** A fetch `Response` over a node:http answer, its body streamed as it arrives. */
export function responseFrom(incoming: IncomingMessage, toWeb: (readable: IncomingMessage) => ReadableStream<Uint8Array>): Response {
  const status = incoming.statusCode ?? 0;
  const body = isNullBodyStatus(status) ? null : toWeb(incoming);
  if (!body) incoming.resume();
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return new Response(body, { status, statusText: incoming.statusMessage ?? "", headers });
}
