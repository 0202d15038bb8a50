/**
 * `client.voice.clone` against the stateful fake: MiniMax's rules checked before anything is sent,
 * both files checked before either is uploaded, the right purposes, ids as JSON numbers, the
 * preview, each typed error, and a retry after a lost answer that does not fail with 2039.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FilesFake, makeWav, startFilesFake } from "@minimax-files/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { AudioPreflightError, DuplicateVoiceIdError, InvalidInputError } from "../src/errors.js";
import { canaryKey } from "./canary.js";

const apiKey = canaryKey("voice");
const recording = makeWav({ seconds: 12 });
const clip = makeWav({ seconds: 5, frequency: 300 });
let fake: FilesFake;
let client: MiniMaxFiles;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "voice-clone-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));
beforeEach(async () => {
  fake = await startFilesFake({ apiKey });
  client = new MiniMaxFiles({ apiKey, baseURL: fake.url, initialRetryDelayMs: 1 });
});
afterEach(() => fake.close());

test("from two sources to a cloned voice with a preview: both uploaded with their purposes, cloned; the preview downloads", async () => {
  const voice = await client.voice.clone({
    file: recording,
    voiceId: "Narrator-01",
    prompt: { file: clip, text: "Welcome to the show." },
    preview: { text: "Hello there.", model: "speech-2.8-hd" },
    noiseReduction: true,
  });
  expect(voice).toMatchObject({ voiceId: "Narrator-01", previewURL: `${fake.url}/preview/Narrator-01.mp3`, inputSensitive: false });
  expect(fake.files.get(voice.fileId)?.purpose).toBe("voice_clone");
  expect(fake.files.get(voice.promptFileId!)?.purpose).toBe("prompt_audio");
  expect(fake.voices.get("Narrator-01")).toMatchObject({
    fileId: voice.fileId,
    promptFileId: voice.promptFileId,
    promptText: "Welcome to the show.",
    options: { text: "Hello there.", model: "speech-2.8-hd", need_noise_reduction: true },
  });
  const sent = fake.requests.find((request) => request.operation === "voice_clone")!.jsonBody!;
  expect(sent).toContain(`"file_id":${voice.fileId},`);
  expect(sent).toContain(`"prompt_audio":${voice.promptFileId},`);
  const path = join(folder, "preview.mp3");
  expect(await client.voice.downloadPreview(voice, path)).toMatchObject({ path, bytes: 417 });
  expect([...(await readFile(path)).subarray(0, 2)]).toEqual([0xff, 0xfb]);
});

test("from an uploaded file's id: nothing is uploaded; without a voiceId the client makes a unique, valid one", async () => {
  const stored = fake.add({ purpose: "voice_clone", filename: "r.wav", bytes: recording });
  const voice = await client.voice.clone({ fileId: stored.fileId });
  expect(voice.voiceId).toMatch(/^mfv[a-z0-9]{20}$/);
  expect(fake.requests.map((request) => request.operation)).toEqual(["voice_clone"]);
  expect(fake.voices.has(voice.voiceId)).toBe(true);
});

describe("MiniMax's rules, checked before anything is sent", () => {
  test.each([
    ["7 characters", "Abcdefg", /7 characters, under 8/],
    ["257 characters", `A${"b".repeat(256)}`, /257 characters, over 256/],
    ["a digit first", "1abcdefgh", /does not start with a letter/],
    ["a trailing _", "Abcdefgh_", /ends in "_"/],
    ["a trailing -", "Abcdefgh-", /ends in "-"/],
    ["a character outside letters, digits, - and _", "Abcdéfgh", /holds "é"/],
  ])("a voice id of %s is refused", async (_, voiceId, problem) => {
    const error = await client.voice.clone({ file: recording, voiceId }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: "voiceId", problem: expect.stringMatching(problem), expected: expect.stringMatching(/8 to 256/) });
    expect(fake.requests).toEqual([]);
  });

  test.each([
    ["8 characters", "Abcdefgh"],
    ["256 characters", `A${"b".repeat(255)}`],
    ["- and _ inside", "My_voice-01"],
  ])("a voice id of %s is accepted", async (_, voiceId) => {
    await expect(client.voice.clone({ file: recording, voiceId })).resolves.toMatchObject({ voiceId });
  });

  test("a prompt text without final punctuation is refused before any upload", async () => {
    const error = await client.voice
      .clone({ file: recording, voiceId: "Abcdefgh", prompt: { file: clip, text: "Welcome to the show" } })
      .catch((e) => e);
    expect(error).toMatchObject({
      name: "InvalidInputError",
      field: "prompt.text",
      problem: expect.stringMatching(/does not end in punctuation/),
    });
    expect(fake.requests).toEqual([]);
  });

  test("a preview without a model, or over 1000 characters, is refused", async () => {
    const noModel = await client.voice.clone({ file: recording, preview: { text: "Hi." } as never }).catch((e) => e);
    expect(noModel).toMatchObject({ field: "preview.model", expected: expect.stringMatching(/speech-2\.8-hd/) });
    const long = await client.voice.clone({ file: recording, preview: { text: "a".repeat(1001), model: "speech-02-hd" } }).catch((e) => e);
    expect(long).toMatchObject({ field: "preview.text", expected: "at most 1000 characters" });
    expect(await client.voice.clone({ voiceId: "Abcdefgh" } as never).catch((e) => e)).toMatchObject({ field: "file" });
    expect(fake.requests).toEqual([]);
  });

  test("both files are checked before either is sent: a prompt clip too long for prompt_audio means zero uploads", async () => {
    const error = await client.voice
      .clone({ file: recording, voiceId: "Abcdefgh", prompt: { file: recording, text: "Too long." } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AudioPreflightError);
    expect(error).toMatchObject({ rule: "duration", limit: "under 8 s for prompt_audio" });
    expect(fake.requests).toEqual([]);
  });
});

describe("MiniMax's answers", () => {
  test.each([
    [2038, "CloningNotPermittedError", /real-name verification/],
    [2039, "DuplicateVoiceIdError", /pick another, or use the voice already cloned/],
    [1043, "ASRSimilarityError", /did not match its transcript/],
    [1044, "PromptSimilarityError", /compared with the prompt audio/],
    [20132, "APIError", /invalid samples or voice id/],
  ])("code %i is a %s saying what to do", async (code, name, advice) => {
    fake.failNext("voice_clone", { kind: "code", code, message: code === 20132 ? "invalid samples or voice id" : "refused" });
    const error = await client.voice.clone({ file: recording, voiceId: "Abcdefgh" }).catch((e) => e);
    expect(error).toMatchObject({ name, code });
    expect((error as Error).message).toMatch(advice);
  });

  test("a file of the wrong purpose, or none: the fake's 2013", async () => {
    const prompt = fake.add({ purpose: "prompt_audio", filename: "p.wav", bytes: clip });
    await expect(client.voice.clone({ fileId: prompt.fileId, voiceId: "Abcdefgh" })).rejects.toMatchObject({ code: 2013 });
  });

  test("a voice id taken before: DuplicateVoiceIdError at once", async () => {
    await client.voice.clone({ file: recording, voiceId: "Taken-voice" });
    await expect(client.voice.clone({ file: recording, voiceId: "Taken-voice" })).rejects.toBeInstanceOf(DuplicateVoiceIdError);
  });
});

describe("a retry after a lost answer", () => {
  test("with the client's own voice id: the retry's 2039 means the lost attempt cloned it, and the result says so", async () => {
    fake.failNext("voice_clone", { kind: "drop-answer" });
    const voice = await client.voice.clone({ file: recording });
    expect(voice).toMatchObject({ clonedByEarlierAttempt: true });
    expect(fake.voices.has(voice.voiceId)).toBe(true);
    expect(fake.requests.filter((request) => request.operation === "voice_clone")).toHaveLength(2);
  });

  test("with a voice id the caller chose: DuplicateVoiceIdError that says the lost attempt may have cloned it", async () => {
    fake.failNext("voice_clone", { kind: "drop-answer" });
    const error = await client.voice.clone({ file: recording, voiceId: "Chosen-voice" }).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateVoiceIdError);
    expect((error as Error).message).toMatch(/An earlier attempt got no answer and may have cloned Chosen-voice itself/);
    expect(fake.voices.has("Chosen-voice")).toBe(true);
  });
});
