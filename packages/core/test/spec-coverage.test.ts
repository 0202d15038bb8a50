/**
 * Nothing the spec says is left unhandled, enumerated from the spec itself (not listed by hand):
 * every MiniMax code it names maps to an error class or, on purpose, to the generic APIError;
 * and every documented status with every named example, requested from the Prism mock, gives
 * the client the outcome the example describes.
 */

import { makeWav, specExamples } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { describe, expect, inject, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { APIError, genericErrorCodes, HTTPError, MiniMaxFilesError, ResponseError } from "../src/errors.js";

type Example = { base_resp?: { status_code?: number; status_msg?: string }; file?: { file_id?: number | string }; files?: unknown[] };

const examples = specExamples();
const codes = [...new Set(examples.map(({ code }) => code).filter((code): code is number => code !== undefined && code !== 0))];
const fileId = "362854771301234";
const clip = makeWav({ seconds: 12 });

/** Each operation, called as a user calls it; what it resolves with, or the error it throws. */
const callers: Record<string, (client: MiniMaxFiles, accept: string) => Promise<unknown>> = {
  uploadFile: (client) => client.uploadWithResponse({ file: clip }),
  listFiles: (client) => client.files.listWithResponse({ purpose: "voice_clone" }),
  retrieveFile: (client) => client.files.retrieveWithResponse(fileId),
  retrieveFileContent: async (client, accept) => {
    const content = await client.files.retrieveContent(fileId, { headers: { Accept: accept } });
    return { response: content.response, text: await content.text() };
  },
  deleteFile: (client) => client.files.deleteWithResponse(fileId, { purpose: "voice_clone" }),
  cloneVoice: (client) => client.voice.clone({ fileId, voiceId: "MyVoice01" }),
};

test("every operation of the spec is called here, and names codes and examples for every status it documents", () => {
  expect(Object.keys(callers).sort()).toEqual([...new Set(examples.map((example) => example.operationId))].sort());
  expect(codes.length).toBeGreaterThan(3);
  for (const example of examples) expect(example.summary, `${example.operationId} ${example.name} has a summary`).toBeTruthy();
});

test.each(codes)("MiniMax code %i maps to an error class of its own, or on purpose to the generic APIError", (code) => {
  const error = APIError.fromStatus({ code, statusMessage: "from the spec", httpStatus: 200 });
  expect(
    error.constructor !== APIError || genericErrorCodes.includes(code),
    `code ${code} has no class and is not in genericErrorCodes`,
  ).toBe(true);
});

describe("every named example of every operation, requested from Prism", () => {
  test.each(examples)("$operationId $status $name ($mediaType)", async ({ operationId, status, name, mediaType, code, value }) => {
    const client = new MiniMaxFiles({
      apiKey: "test-key",
      baseURL: inject("prismUrl"),
      maxRetries: 0,
      defaultHeaders: { Prefer: `code=${status}, example=${name}` },
    });
    const outcome = await callers[operationId]!(client, mediaType).catch((error: unknown) => error);
    const example = (value ?? {}) as Example;
    if (status === 200 && (code === 0 || code === undefined)) {
      if (operationId === "cloneVoice") {
        const demo = (value as { demo_audio?: string }).demo_audio;
        expect(outcome).toMatchObject({ voiceId: "MyVoice01", fileId, previewURL: demo || undefined });
        return;
      }
      expect(outcome).toMatchObject({ response: { status: 200 } });
      if (operationId === "retrieveFileContent") expect((outcome as { text: string }).text).toBe(value);
      if (example.file?.file_id !== undefined) {
        const data = (outcome as { file?: unknown; data?: unknown }).file ?? (outcome as { data: unknown }).data;
        expect(data).toMatchObject({ file_id: String(example.file.file_id) });
      }
      if (example.files) expect((outcome as { data: unknown[] }).data).toHaveLength(example.files.length);
      return;
    }
    expect(outcome).toBeInstanceOf(MiniMaxFilesError);
    expect(outcome).toBeInstanceOf(ResponseError);
    expect((outcome as ResponseError).httpStatus).toBe(status);
    if (code !== undefined) {
      expect(outcome).toBeInstanceOf(APIError);
      expect(outcome).toMatchObject({ code, statusMessage: example.base_resp?.status_msg });
    } else expect(outcome).toBeInstanceOf(HTTPError);
  });
});
