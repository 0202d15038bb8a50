/**
 * Where Node's own transport sends a request: parsed once per URL without its query, and the same
 * as node:http would make of the whole URL (`new URL` and `urlToHttpOptions`), whatever the URL.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { urlToHttpOptions } from "node:url";
import { afterEach, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/index.js";
import { requestTarget } from "../src/transport/request-target.js";

/** What node:http itself takes from `url`. */
function asNodeHttpWould(url: string) {
  const parsed = new URL(url);
  const options = urlToHttpOptions(parsed);
  return {
    https: parsed.protocol === "https:",
    protocol: parsed.protocol,
    hostname: options.hostname,
    port: options.port,
    auth: options.auth,
    path: options.path,
  };
}

test.each([
  "http://127.0.0.1:8080/minimax/v1/files/list?purpose=voice_clone",
  "https://api.minimax.io/minimax/v1/files/retrieve?file_id=123456789012345678901",
  "https://api.minimax.io/minimax/v1/files/upload",
  "http://[::1]:9/v1/files/list?purpose=prompt_audio&x=%20y",
  "http://user:p%40ss@example.com/v1/files/list?a=1",
  // Not what the client builds; parsed whole, as node:http would.
  "http://example.com/v1/files/list?q=a b&c=<d>",
  "http://example.com/v1/files/list?q='quoted'",
  "http://example.com/v1/files/list?q=1#fragment",
  "http://example.com/v1/a/../files/list?q=1",
])("%s goes where node:http would send it", (url) => {
  expect(requestTarget(url, urlToHttpOptions)).toEqual(asNodeHttpWould(url));
  // Again, from what was kept of the first.
  expect(requestTarget(url, urlToHttpOptions)).toEqual(asNodeHttpWould(url));
});

test("one kept URL serves every query: each request carries its own", () => {
  const base = "http://127.0.0.1:9/minimax/v1/files/retrieve";
  expect(requestTarget(`${base}?file_id=1`, urlToHttpOptions).path).toBe("/minimax/v1/files/retrieve?file_id=1");
  expect(requestTarget(`${base}?file_id=2`, urlToHttpOptions).path).toBe("/minimax/v1/files/retrieve?file_id=2");
  expect(requestTarget(base, urlToHttpOptions).path).toBe("/minimax/v1/files/retrieve");
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

test("a request to an IPv6 host arrives with the path, query and Host header node:http would send", async () => {
  const seen: { url: string | undefined; host: string | undefined }[] = [];
  server = createServer((request, response) => {
    seen.push({ url: request.url, host: request.headers.host });
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end('{"files":[{"file_id":7}],"base_resp":{"status_code":0,"status_msg":"success"}}');
  });
  await new Promise<void>((resolve) => server!.listen(0, "::1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new MiniMaxFiles({ apiKey: "test-key", baseURL: `http://[::1]:${port}`, maxRetries: 0 });
  await expect(client.files.list({ purpose: "prompt_audio" })).resolves.toEqual([{ file_id: "7" }]);
  await client.files.list({ purpose: "voice_clone" });
  expect(seen).toEqual([
    { url: "/minimax/v1/files/list?purpose=prompt_audio", host: `[::1]:${port}` },
    { url: "/minimax/v1/files/list?purpose=voice_clone", host: `[::1]:${port}` },
  ]);
});
