/**
 * In Node an answer read whole is a NodeAnswer (status and node:http's raw headers), not undici's
 * Response: its headers read as `Headers.get` reads them, and a `…WithResponse` result still hands
 * over a real `Response`, made when it is first read.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { asResponse, NodeAnswer, withResponseOf } from "../src/http-answer.js";

const raw = ["Content-Type", "application/json", "X-Extra", "a", "x-extra", "b", "Trace-Id", "trace-1", "Set-Cookie", "k=v"];

test("headers read as Headers.get reads them: any case, repeated values joined, missing ones null", () => {
  const answer = new NodeAnswer(200, "OK", raw);
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  for (const name of ["content-type", "X-EXTRA", "trace-id", "set-cookie", "absent"]) {
    expect(answer.headers.get(name)).toBe(headers.get(name));
  }
  expect(answer.headers.get("x-extra")).toBe("a, b");
});

test.each([200, 204, 299, 300, 404, 503])("HTTP %i is ok exactly when a Response with it is", (status) => {
  expect(new NodeAnswer(status, "", []).ok).toBe(new Response(null, { status }).ok);
});

test("as a Response: status, text and headers kept, made once, and a Response passes as it is", () => {
  const answer = new NodeAnswer(201, "Created", raw);
  const response = asResponse(answer);
  expect(response).toBeInstanceOf(Response);
  expect(response).toMatchObject({ status: 201, statusText: "Created", ok: true, body: null });
  expect(response.headers.get("x-extra")).toBe("a, b");
  expect(asResponse(answer)).toBe(response);
  const real = new Response("x");
  expect(asResponse(real)).toBe(real);
});

test("withResponseOf: the Response made on first read, seen by a spread", () => {
  const answer = new NodeAnswer(200, "OK", raw);
  const result = withResponseOf({ data: 1 }, answer);
  expect(Object.getOwnPropertyDescriptor(result, "response")?.get).toBeTypeOf("function");
  expect(result.response).toBe(result.response);
  expect({ ...result }.response).toBe(result.response);
  expect(Object.keys(result)).toEqual(["data", "response"]);
});

let server: Server;
let baseURL: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    // The status a test asks for in `x-answer-status`: any 2xx MiniMax may answer a success with.
    response.statusCode = Number(request.headers["x-answer-status"] ?? 200);
    response.setHeader("Content-Type", "application/json");
    response.setHeader("Trace-Id", "trace-list");
    response.setHeader("X-Extra", ["a", "b"]);
    response.end('{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("listWithResponse over Node's own path hands over a real Response with every header", async () => {
  const client = new MiniMaxFiles({ apiKey: "test-key", baseURL });
  const result = await client.files.listWithResponse({ purpose: "voice_clone" });
  expect(result.traceId).toBe("trace-list");
  expect(result.response).toBeInstanceOf(Response);
  expect(result.response.status).toBe(200);
  expect(result.response.headers.get("x-extra")).toBe("a, b");
  expect(result.response.headers.get("trace-id")).toBe("trace-list");
});

test("a …WithResponse result gives the answer's HTTP status without making its Response", async () => {
  const client = new MiniMaxFiles({ apiKey: "test-key", baseURL, maxRetries: 0 });
  const result = await client.files.listWithResponse({ purpose: "voice_clone" }, { headers: { "x-answer-status": "203" } });
  expect(result.httpStatus).toBe(203);
  expect(Object.getOwnPropertyDescriptor(result, "response")?.get).toBeTypeOf("function");
  expect(result.response.status).toBe(203);
});
