/**
 * Nothing the spec says is left unhandled, enumerated from the spec itself (not listed by hand):
 * every MiniMax code it names maps to an error class or, on purpose, to the generic APIError;
 * and every documented status with every named example, requested from the Prism mock, gives
 * the client the outcome the example describes.
 */

import { makeWav, specDocument, uploadPath } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import { describe, expect, inject, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { APIError, genericErrorCodes, HTTPError, MiniMaxFilesError, ResponseError } from "../src/errors.js";

interface Example {
  value?: { base_resp?: { status_code?: number; status_msg?: string }; file?: { file_id?: number | string } };
}
type Responses = Record<string, { content?: { "application/json"?: { examples?: Record<string, Example> } } }>;

const spec = specDocument as unknown as { paths: Record<string, { post: { responses: Responses } }> };
const responses = spec.paths[uploadPath]!.post.responses;
const examples = Object.entries(responses).flatMap(([status, response]) =>
  Object.entries(response.content?.["application/json"]?.examples ?? {}).map(([name, example]) => ({
    status: Number(status),
    name,
    example: example.value ?? {},
  })),
);
const codes = [
  ...new Set(
    examples.map(({ example }) => example.base_resp?.status_code).filter((code): code is number => code !== undefined && code !== 0),
  ),
];

test("the spec names codes and examples for every status it documents", () => {
  expect(codes.length).toBeGreaterThan(3);
  for (const status of Object.keys(responses))
    expect(
      examples.some((example) => example.status === Number(status)),
      `status ${status} has a named example`,
    ).toBe(true);
});

test.each(codes)("MiniMax code %i maps to an error class of its own, or on purpose to the generic APIError", (code) => {
  const error = APIError.fromStatus({ code, statusMessage: "from the spec", httpStatus: 200 });
  expect(
    error.constructor !== APIError || genericErrorCodes.includes(code),
    `code ${code} has no class and is not in genericErrorCodes`,
  ).toBe(true);
});

describe("every named example, requested from Prism", () => {
  const clip = makeWav({ seconds: 12 });
  test.each(examples)("$status $name", async ({ status, name, example }) => {
    const client = new MiniMaxFiles({
      apiKey: "test-key",
      baseURL: inject("prismUrl"),
      maxRetries: 0,
      defaultHeaders: { Prefer: `code=${status}, example=${name}` },
    });
    const outcome = await client.uploadWithResponse({ file: clip }).catch((error: unknown) => error);
    const code = example.base_resp?.status_code;
    if (status === 200 && code === 0) {
      expect(outcome).toMatchObject({ response: { status: 200 }, file: { file_id: String(example.file?.file_id) } });
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
