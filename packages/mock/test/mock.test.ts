/**
 * The mock as an app's CI uses it: Prism of the bundled spec answering every named example on
 * request, refusing a request that breaks the contract, and the recording mock keeping bytes.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startupBudgetMs } from "../../testkit/src/startup-budgets.js";
import { bundledSpecPath, exampleHeaders, type MockServer, namedExamples, startMock, startRecordingMock } from "../src/index.js";

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

describe.each(namedExamples())("named example $name ($status)", ({ name, status, code }) => {
  test("is answered on request", async () => {
    const response = await fetch(`${mock.url}/minimax/v1/files/upload`, {
      method: "POST",
      body: form(),
      headers: { Authorization: "Bearer test-key", ...exampleHeaders(name) },
    });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { base_resp?: { status_code?: number } };
    expect(body.base_resp?.status_code).toBe(code);
  });
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
