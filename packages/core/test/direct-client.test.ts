/**
 * The operations' calls in Node (engine/direct-client.ts): the URL each goes to (MiniMax's own
 * hosts serve the direct paths, anything else the gateway's), the query, headers and body as
 * given, and the answer read as openapi-fetch reads it.
 */
import { expect, test } from "vitest";
import { directClient } from "../src/engine/direct-client.js";
import { answersReadWhole } from "../src/kept-answers.js";

function recording() {
  const requests: Array<{ url: string; method: string; headers: Record<string, string>; body: unknown }> = [];
  const send = async (request: Request) => {
    const plain = request as unknown as { url: string; method: string; headers: Record<string, string>; body: unknown };
    requests.push({ url: plain.url, method: plain.method, headers: plain.headers, body: plain.body });
    const response = new Response(null, { status: plain.url.includes("missing") ? 404 : 200 });
    answersReadWhole.set(response, plain.url.includes("missing") ? '{"base_resp":{"status_code":2013}}' : '{"ok":true}');
    return response;
  };
  return { requests, send };
}

test.each([
  ["https://api.minimax.io", "https://api.minimax.io/v1/files/list?purpose=voice_clone"],
  ["https://api.minimaxi.com", "https://api.minimaxi.com/v1/files/list?purpose=voice_clone"],
  ["http://127.0.0.1:4010", "http://127.0.0.1:4010/minimax/v1/files/list?purpose=voice_clone"],
])("a list on %s goes to %s", async (baseURL, expected) => {
  const { requests, send } = recording();
  await directClient(baseURL, send).GET("/minimax/v1/files/list", { params: { query: { purpose: "voice_clone" } } });
  expect(requests[0]?.url).toBe(expected);
});

test("the query is percent-encoded, parameters left undefined are not sent, and a query of none adds nothing", async () => {
  const { requests, send } = recording();
  const client = directClient("http://127.0.0.1:4010", send);
  const query = { purpose: "a b&c=d/é", unset: undefined, file_id: 7 };
  await client.GET("/minimax/v1/files/list", { params: { query: query as never } });
  await client.GET("/minimax/v1/files/list", { params: { query: { unset: undefined } as never } });
  expect(requests.map((request) => request.url)).toEqual([
    "http://127.0.0.1:4010/minimax/v1/files/list?purpose=a%20b%26c%3Dd%2F%C3%A9&file_id=7",
    "http://127.0.0.1:4010/minimax/v1/files/list",
  ]);
  // What the server reads back is what was given.
  expect(new URL(requests[0]!.url).searchParams.get("purpose")).toBe(query.purpose);
});

test("a POST carries its serialized body and headers as given; the answer is the text kept for it", async () => {
  const { requests, send } = recording();
  const result = await directClient("http://127.0.0.1:4010", send).POST("/minimax/v1/files/delete", {
    body: { file_id: 1, purpose: "voice_clone" },
    bodySerializer: () => '{"file_id":123456789012345678,"purpose":"voice_clone"}',
    headers: { Authorization: "Bearer k", "Content-Type": "application/json" },
  });
  expect(requests[0]).toMatchObject({
    method: "POST",
    body: '{"file_id":123456789012345678,"purpose":"voice_clone"}',
    headers: { Authorization: "Bearer k", "Content-Type": "application/json" },
  });
  expect(result).toMatchObject({ data: '{"ok":true}' });
});

test("a failed answer is given as its JSON, as openapi-fetch gives it", async () => {
  const { send } = recording();
  const result = await directClient("http://127.0.0.1:4010", send).GET("/minimax/v1/files/retrieve", {
    params: { query: { file_id: "missing" as unknown as number } },
  });
  expect(result).toMatchObject({ error: { base_resp: { status_code: 2013 } } });
  expect(result.response.status).toBe(404);
});
