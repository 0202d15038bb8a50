/**
 * The stateful fake of the Files API over plain HTTP, as any client (not only ours) meets it:
 * uploads stored with ids above 2^53 written as JSON numbers, the other operations acting on them,
 * MiniMax-shaped errors, and faults on request.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { type FilesFake, startFilesFake } from "../src/index.js";

let fake: FilesFake;
beforeEach(async () => {
  fake = await startFilesFake({ apiKey: "fake-key" });
});
afterEach(() => fake.close());

const auth = { Authorization: "Bearer fake-key" };

async function upload(purpose: string, bytes: Uint8Array, filename = "voice.wav"): Promise<string> {
  const body = new FormData();
  body.append("purpose", purpose);
  body.append("file", new File([bytes as Uint8Array<ArrayBuffer>], filename, { type: "audio/wav" }));
  const text = await (await fetch(`${fake.url}/minimax/v1/files/upload`, { method: "POST", body, headers: auth })).text();
  // The id is a JSON number above 2^53: read its digits from the text.
  return /"file_id":(\d+)/.exec(text)![1]!;
}

const get = async (path: string) => (await fetch(fake.url + path, { headers: auth })).text();

test("an upload is stored with an id above 2^53, listed, retrieved and downloaded byte for byte, then deleted", async () => {
  const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
  const id = await upload("voice_clone", bytes);
  expect(BigInt(id)).toBeGreaterThan(2n ** 53n);
  expect(await get("/minimax/v1/files/list?purpose=voice_clone")).toContain(`{"file_id":${id},"bytes":100000,`);
  expect(await get("/minimax/v1/files/list?purpose=prompt_audio")).toMatch(/^\{"files":\[\],/);
  expect(await get(`/minimax/v1/files/retrieve?file_id=${id}`)).toContain(`"filename":"voice.wav","purpose":"voice_clone"`);
  const content = await fetch(`${fake.url}/v1/files/retrieve_content?file_id=${id}`, { headers: auth }); // the direct path too
  expect(content.headers.get("content-type")).toBe("application/octet-stream");
  expect(Buffer.compare(Buffer.from(await content.arrayBuffer()), Buffer.from(bytes))).toBe(0);

  const remove = (body: string) =>
    fetch(`${fake.url}/minimax/v1/files/delete`, { method: "POST", body, headers: { ...auth, "Content-Type": "application/json" } });
  expect(await (await remove(`{"file_id":"${id}","purpose":"voice_clone"}`)).json()).toMatchObject({ base_resp: { status_code: 2013 } });
  expect(await (await remove(`{"file_id":${id},"purpose":"prompt_audio"}`)).json()).toMatchObject({ base_resp: { status_code: 2013 } });
  expect(await (await remove(`{"file_id":${id},"purpose":"voice_clone"}`)).text()).toMatch(new RegExp(`^\\{"file_id":${id},`));
  expect(fake.files.size).toBe(0);
  expect(await get(`/minimax/v1/files/retrieve_content?file_id=${id}`)).toMatch(/"status_code":2013/);
});

test("MiniMax-shaped errors: HTTP 200 with base_resp (1004 without the key, 2013 for a bad purpose or a missing file)", async () => {
  const noKey = await fetch(`${fake.url}/minimax/v1/files/list?purpose=voice_clone`);
  expect(noKey.status).toBe(200);
  expect(await noKey.json()).toMatchObject({ base_resp: { status_code: 1004 } });
  expect(JSON.parse(await get("/minimax/v1/files/list"))).toMatchObject({ base_resp: { status_code: 2013 } });
  expect(JSON.parse(await get("/minimax/v1/files/retrieve?file_id=1"))).toMatchObject({ base_resp: { status_code: 2013 } });
  expect((await fetch(`${fake.url}/v1/files/nothing`, { headers: auth })).status).toBe(404);
});

test("faults are answered once each, in order, to the operation they were asked for", async () => {
  fake.failNext("list", { kind: "status", status: 503, body: "busy" });
  fake.failNext("list", { kind: "code", code: 1002 });
  fake.failNext("retrieve_content", { kind: "reset" });
  const first = await fetch(`${fake.url}/minimax/v1/files/list?purpose=voice_clone`, { headers: auth });
  expect([first.status, await first.text()]).toEqual([503, "busy"]);
  expect(JSON.parse(await get("/minimax/v1/files/list?purpose=voice_clone"))).toMatchObject({ base_resp: { status_code: 1002 } });
  expect(JSON.parse(await get("/minimax/v1/files/list?purpose=voice_clone"))).toMatchObject({ base_resp: { status_code: 0 } });
  await expect(fetch(`${fake.url}/minimax/v1/files/retrieve_content?file_id=1`, { headers: auth })).rejects.toThrow();
  expect(fake.requests.map((request) => request.operation)).toEqual(["list", "list", "list", "retrieve_content"]);
});
