/**
 * The mock as an app's CI uses it: Prism of the bundled spec answering every named example on
 * request, refusing a request that breaks the contract, and the recording mock keeping bytes.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startupBudgetMs } from "../../testkit/src/startup-budgets.js";
import {
  bundledSpecPath,
  exampleHeaders,
  type MockServer,
  type NamedExample,
  namedExamples,
  startMock,
  startRecordingMock,
} from "../src/index.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ readyTimeoutMs: startupBudgetMs.prism });
});
afterAll(() => mock.stop());

function form(purpose = "voice_clone"): FormData {
  const body = new FormData();
  body.append("purpose", purpose);
  // Prism does not read a file part's bytes: any will do.
  body.append("file", new File([new Uint8Array([82, 73, 70, 70])], "voice.wav", { type: "audio/wav" }));
  return body;
}

test("the bundled spec is the repository's spec, and its named examples are listed from it", () => {
  expect(readFileSync(bundledSpecPath, "utf8")).toBe(readFileSync(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8"));
  const names = namedExamples().map((example) => example.name);
  expect(names).toContain("rate_limited");
  expect(namedExamples().find((example) => example.name === "rate_limited")).toMatchObject({ status: 200, code: 1002 });
});

/** The request for a named example of `example.operationId`, as a client of that operation sends it. */
function requestFor({ method, path, mediaType }: NamedExample): { url: string; init: RequestInit } {
  const headers = { Authorization: "Bearer test-key", Accept: mediaType };
  if (path.endsWith("/upload")) return { url: path, init: { method: "POST", body: form(), headers } };
  if (path.endsWith("/list")) return { url: `${path}?purpose=voice_clone`, init: { method, headers } };
  if (path.endsWith("/voice_clone")) {
    const body = '{"file_id":362854771301234,"voice_id":"MyVoice01"}';
    return { url: path, init: { method, body, headers: { ...headers, "Content-Type": "application/json" } } };
  }
  if (path.endsWith("/delete")) {
    const body = '{"file_id":362854771301234,"purpose":"voice_clone"}';
    return { url: path, init: { method, body, headers: { ...headers, "Content-Type": "application/json" } } };
  }
  return { url: `${path}?file_id=362854771301234`, init: { method, headers } };
}

describe.each(namedExamples())("$operationId: named example $name ($status, $mediaType)", (example) => {
  test("is answered on request", async () => {
    const { url, init } = requestFor(example);
    const prefer = exampleHeaders(example.name, { operationId: example.operationId });
    const response = await fetch(mock.url + url, { ...init, headers: { ...(init.headers as Record<string, string>), ...prefer } });
    expect(response.status).toBe(example.status);
    if (example.mediaType === "application/json") {
      const body = (await response.json()) as { base_resp?: { status_code?: number } };
      expect(body.base_resp?.status_code).toBe(example.code);
    } else {
      expect(await response.text()).toBe(example.value);
    }
  });
});

test("every operation of the spec has named examples, and names repeat across them", () => {
  const operations = new Set(namedExamples().map((example) => example.operationId));
  expect([...operations]).toEqual(["uploadFile", "listFiles", "retrieveFile", "retrieveFileContent", "deleteFile", "cloneVoice"]);
  expect(exampleHeaders("rate_limited", { operationId: "deleteFile" })).toEqual({ Prefer: "code=200, example=rate_limited" });
  expect(() => exampleHeaders("success_string_id", { operationId: "listFiles" })).toThrow(/no example named "success_string_id"/);
});

test("a request that breaks the contract is refused by the mock (unknown purpose → 422)", async () => {
  const response = await fetch(`${mock.url}/minimax/v1/files/upload`, {
    method: "POST",
    body: form("karaoke"),
    headers: { Authorization: "Bearer test-key" },
  });
  expect(response.status).toBe(422);
});

test("exampleHeaders names the examples it knows when asked for one it does not", () => {
  expect(() => exampleHeaders("nope")).toThrow(/no example named "nope"; it has success, /);
});

test("the recording mock keeps every field and byte, and answers like MiniMax", async () => {
  const recorder = await startRecordingMock();
  try {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    const body = new FormData();
    body.append("purpose", "prompt_audio");
    body.append("file", new File([bytes], "clip.wav", { type: "audio/wav" }));
    const response = await fetch(`${recorder.url}/minimax/v1/files/upload`, { method: "POST", body });
    expect(await response.json()).toMatchObject({ base_resp: { status_code: 0 }, file: { filename: "clip.wav", bytes: 70_000 } });
    expect(recorder.uploads[0]).toMatchObject({
      fields: { purpose: "prompt_audio" },
      files: [{ field: "file", filename: "clip.wav", contentType: "audio/wav" }],
    });
    expect(new Uint8Array(recorder.uploads[0]!.files[0]!.bytes)).toEqual(bytes);
  } finally {
    await recorder.close();
  }
});
