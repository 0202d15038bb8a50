/**
 * From a recording to a cloned voice in one call: every parameter checked locally, then every
 * pre-flight check on both files (the recording and the prompt clip) before the first byte of
 * either is uploaded, the uploads (with the right purposes), then `POST /minimax/v1/voice_clone`.
 * @module
 */
import { readAnswer } from "../engine/read-answer.js";
import type { Operation, RequestEngine } from "../engine/request-engine.js";
import { DuplicateVoiceIdError, InvalidInputError } from "../errors.js";
import { checkFileId, type FileIdInput } from "../files/file-id.js";
import { type CheckedUpload, checkUpload, type UploadOptions } from "../files/upload.js";
import { voiceCloneResponseWireSchema } from "../response-schema.js";
import type { UploadSource } from "../sources/types.js";
import type { Transport } from "../transport/choose-transport.js";
import type { FileId } from "../uploaded-file.js";
import { type CloneModel, checkAccuracy, checkFlag, checkPreview, checkPromptText, checkVoiceId } from "./clone-params.js";

/** Parameters of `voice.clone`: the recording (a source to upload, or an uploaded file's id) and the voice to make. */
export interface CloneParams {
  /** The recording to upload (purpose `voice_clone`; 10 s to 5 min), or give `fileId`. */
  file?: UploadSource | undefined;
  /** The id of a `voice_clone` upload, instead of `file`. */
  fileId?: FileIdInput | undefined;
  /**
   * The voice id to create (MiniMax's rules: 8–256 letters, digits, `-`, `_`; a letter first; not
   * ending in `-` or `_`). Omitted: the client makes a unique one, which also lets a retry after a
   * lost answer tell that the clone succeeded.
   */
  voiceId?: string | undefined;
  /** A short clip of the same speaker (purpose `prompt_audio`; under 8 s) and what is said in it, ending in punctuation. */
  prompt?: { file?: UploadSource | undefined; fileId?: FileIdInput | undefined; text: string } | undefined;
  /** Text read in the new voice (billed; at most 1000 characters), with the model to read it. */
  preview?: { text: string; model: CloneModel } | undefined;
  /** MiniMax's `language_boost`, e.g. `English` or `auto`. */
  languageBoost?: string | undefined;
  /** 0 to 1; MiniMax's default 0.7. */
  accuracy?: number | undefined;
  noiseReduction?: boolean | undefined;
  volumeNormalization?: boolean | undefined;
  aigcWatermark?: boolean | undefined;
}

/** What `voice.clone` made. */
export interface ClonedVoice {
  /** The voice id (MiniMax's answer does not echo it): use it for speech synthesis within 7 days, or it is deleted. */
  voiceId: string;
  /** The recording's file id. */
  fileId: FileId;
  /** The prompt clip's file id, when there was one. */
  promptFileId: FileId | undefined;
  /** The preview's URL, when a preview was asked for (it expires). */
  previewURL: string | undefined;
  /** Whether MiniMax judged the input sensitive. */
  inputSensitive: boolean | undefined;
  /** MiniMax's `Trace-Id` of the clone. */
  traceId: string | undefined;
  /** True when a retry after a lost answer found the client's own voice id taken: the earlier attempt cloned it. */
  clonedByEarlierAttempt?: boolean | undefined;
}

const path = "/minimax/v1/voice_clone";

/** A voice id no one else has: `mfv` and 20 random letters and digits. */
function uniqueVoiceId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  // Web Crypto: in Node and in browsers alike.
  return `mfv${[...globalThis.crypto.getRandomValues(new Uint8Array(20))].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
}

/** Exactly one of a source and an id. */
function oneOf(field: string, file: unknown, fileId: unknown): "file" | "fileId" {
  if ((file === undefined) === (fileId === undefined))
    throw new InvalidInputError(
      field,
      file === undefined ? "neither a file nor a fileId was given" : "both a file and a fileId were given",
      "one of them",
    );
  return file === undefined ? "fileId" : "file";
}

/** Runs the whole clone (see the module's description). */
export function cloneVoice(engine: RequestEngine, transport: Transport, params: CloneParams, options: CloneOptions): Promise<ClonedVoice> {
  return engine.call(options, "clone", async () => {
    if (params === null || typeof params !== "object")
      throw new InvalidInputError("params", "got no parameters", "{ file or fileId, voiceId?, … }");
    const recording = oneOf("file", params.file, params.fileId);
    const generated = params.voiceId === undefined;
    const voiceId = generated ? uniqueVoiceId() : checkVoiceId(params.voiceId);
    const prompt = params.prompt;
    const promptKind = prompt === undefined ? undefined : oneOf("prompt.file", prompt.file, prompt.fileId);
    const promptText = prompt === undefined ? undefined : checkPromptText(prompt.text);
    const preview = checkPreview(params.preview);
    const accuracy = checkAccuracy(params.accuracy);
    const flags = {
      need_noise_reduction: checkFlag("noiseReduction", params.noiseReduction),
      need_volume_normalization: checkFlag("volumeNormalization", params.volumeNormalization),
      aigc_watermark: checkFlag("aigcWatermark", params.aigcWatermark),
    };
    if (params.languageBoost !== undefined && typeof params.languageBoost !== "string")
      throw new InvalidInputError("languageBoost", "it is not a string", "a language name such as English, or auto");
    const givenFileId = recording === "fileId" ? checkFileId(params.fileId, "fileId") : undefined;
    const givenPromptId = promptKind === "fileId" ? checkFileId(prompt?.fileId, "prompt.fileId") : undefined;

    // Both files pass their checks before either is sent.
    const checked: CheckedUpload[] = [];
    const { onStep, ...uploadOptions } = options;
    try {
      onStep?.("checking");
      const recordingUpload =
        recording === "file"
          ? await checkUpload(engine, transport, { file: params.file!, purpose: "voice_clone" }, uploadOptions)
          : undefined;
      if (recordingUpload) checked.push(recordingUpload);
      const promptUpload =
        promptKind === "file"
          ? await checkUpload(engine, transport, { file: prompt!.file!, purpose: "prompt_audio" }, uploadOptions)
          : undefined;
      if (promptUpload) checked.push(promptUpload);
      if (recordingUpload) onStep?.("uploading recording");
      const fileId = givenFileId ?? (await recordingUpload!.send()).file.file_id;
      if (promptUpload) onStep?.("uploading prompt");
      const promptFileId = prompt === undefined ? undefined : (givenPromptId ?? (await promptUpload!.send()).file.file_id);
      onStep?.("cloning");
      const body = cloneBody({ fileId, voiceId, promptFileId, promptText, preview, accuracy, languageBoost: params.languageBoost, flags });
      const { value } = await engine.attempts(cloneOperation(engine, body, { voiceId, generated, fileId, promptFileId }), uploadOptions);
      return value;
    } finally {
      for (const upload of checked) await upload.release();
    }
  });
}

/** The request body, written by hand so the ids go out as JSON numbers with every digit. */
function cloneBody(fields: {
  fileId: string;
  voiceId: string;
  promptFileId: string | undefined;
  promptText: string | undefined;
  preview: { text: string; model: CloneModel } | undefined;
  accuracy: number | undefined;
  languageBoost: string | undefined;
  flags: Record<string, boolean | undefined>;
}): string {
  const parts = [`"file_id":${fields.fileId}`, `"voice_id":${JSON.stringify(fields.voiceId)}`];
  if (fields.promptFileId !== undefined)
    parts.push(`"clone_prompt":{"prompt_audio":${fields.promptFileId},"prompt_text":${JSON.stringify(fields.promptText)}}`);
  if (fields.preview) parts.push(`"text":${JSON.stringify(fields.preview.text)}`, `"model":${JSON.stringify(fields.preview.model)}`);
  if (fields.languageBoost !== undefined) parts.push(`"language_boost":${JSON.stringify(fields.languageBoost)}`);
  if (fields.accuracy !== undefined) parts.push(`"accuracy":${fields.accuracy}`);
  for (const [name, value] of Object.entries(fields.flags)) if (value !== undefined) parts.push(`"${name}":${value}`);
  return `{${parts.join(",")}}`;
}

function cloneOperation(
  engine: RequestEngine,
  body: string,
  made: { voiceId: string; generated: boolean; fileId: FileId; promptFileId: FileId | undefined },
): Operation<ClonedVoice> {
  return {
    name: "clone",
    path,
    // Cloning twice is not harmless (the second answers 2039): an answer that broke off is not retried.
    idempotent: false,
    send: async (attempt) => {
      const result = await engine.api.POST(
        path,
        attempt.callOptions({
          body: {} as never,
          bodySerializer: () => body,
          headers: { ...attempt.init.headers, "Content-Type": "application/json" },
        }),
      );
      const context = { baseURL: engine.options.baseURL, attempt: attempt.number, endpoint: attempt.endpoint };
      const base = { voiceId: made.voiceId, fileId: made.fileId, promptFileId: made.promptFileId };
      try {
        const { data, info } = readAnswer(result.response, result.data ?? result.error, voiceCloneResponseWireSchema, context);
        return {
          value: { ...base, previewURL: data.demo_audio || undefined, inputSensitive: data.input_sensitive, traceId: info.traceId },
          response: result.response,
        };
      } catch (error) {
        if (error instanceof DuplicateVoiceIdError && attempt.number > 1) {
          // An id the client made is unique to this call: taken now, it was taken by the attempt whose answer was lost.
          if (made.generated) {
            return {
              value: { ...base, previewURL: undefined, inputSensitive: undefined, traceId: error.traceId, clonedByEarlierAttempt: true },
              response: result.response,
            };
          }
          error.message += `. An earlier attempt got no answer and may have cloned ${made.voiceId} itself: try using the voice`;
        }
        throw error;
      }
    },
  };
}

/** A step of `voice.clone`, in order. */
export type CloneStep = "checking" | "uploading recording" | "uploading prompt" | "cloning";

/** Options of `voice.clone`: those of every call, of the uploads (checks, conversion: both files), and its steps. */
export interface CloneOptions extends UploadOptions {
  /** Called as each step starts (an upload's bytes are reported by `onProgress`). */
  onStep?: ((step: CloneStep) => void) | undefined;
}
