/**
 * MiniMax's other file operations through the server, with its key: `list`, `retrieve`,
 * `retrieve_content` (streamed through in bounded memory) and `delete`. A caller sees only the
 * files it uploaded (an administrator sees every file); any other id is answered exactly as an
 * id that does not exist, without asking upstream, so nothing tells the two apart.
 * @module
 */
import type { HttpBindings } from "@hono/node-server";
import type { CloneModel, DeletePurpose, ListPurpose, MiniMaxFiles } from "@minimax-files/core";
import type { Context } from "hono";
import { respondWithError, statusCodes } from "../error-body.js";
import type { AdmissionVariables } from "../middleware/admission.js";
import type { CallerVariables } from "../middleware/caller-auth.js";
import { jsonNumberField, minimaxJson } from "../minimax-json.js";
import type { ServerLogger } from "../observability/logger.js";
import { recordOf } from "../observability/request-record.js";
import type { OwnershipStore } from "../ownership/store.js";
import { verdictForUploadError } from "../upstream/answer.js";
import { upstreamOutcome } from "../upstream/outcome.js";

/** What the file routes need. */
export interface FileRoutesOptions {
  client: MiniMaxFiles;
  ownership: OwnershipStore;
  /** Texts never to pass on to a caller (the upstream key). */
  secrets: readonly string[];
  log: ServerLogger;
}

type FilesContext = Context<{ Bindings: Partial<HttpBindings>; Variables: AdmissionVariables & CallerVariables }>;

/** Largest JSON body read (`delete`, `voice_clone`): a few fields. */
const maxJsonBodyBytes = 16 * 1024;

/** The answer for an id this caller may not see: the same for a file of another caller as for none at all. */
function noSuchFile(c: FilesContext): Response {
  return respondWithError(c, {
    status: 422,
    code: statusCodes.invalidParameters,
    message: "invalid params: file not found",
    shouldRetry: false,
  });
}

function invalid(c: FilesContext, message: string): Response {
  return respondWithError(c, {
    status: 422,
    code: statusCodes.invalidParameters,
    message: `invalid params: ${message}`,
    shouldRetry: false,
  });
}

/** The file id of a query string or a JSON body: its digits, or undefined when it is not an id. */
const fileIdOf = (text: string | undefined) => (text !== undefined && /^[1-9][0-9]{0,18}$/.test(text) ? text : undefined);

/** The four routes, as handlers for `app.get` / `app.post` (the server mounts each at the gateway and the direct path). */
export function fileRoutes(options: FileRoutesOptions) {
  const { client, ownership } = options;
  const mayAccess = async (c: FilesContext, fileId: string) => {
    const caller = c.get("caller");
    if (caller.admin) return true;
    const [owner] = await ownership.ownersOf([fileId]);
    return owner === caller.name;
  };

  /** Runs an upstream call with the request's signal; a failure becomes the answer the upload's table gives. */
  const upstream = async (c: FilesContext, call: (signal: AbortSignal) => Promise<Response>): Promise<Response> => {
    // The lease aborts when the caller leaves before its answer is written (a download in progress too) or the drain deadline passes.
    const { signal } = c.get("lease");
    try {
      return await call(signal);
    } catch (error) {
      const record = recordOf(c);
      record.upstream = upstreamOutcome(error);
      const verdict = verdictForUploadError(error, options.secrets);
      if (verdict.operatorMessage) {
        options.log[verdict.answer.shouldRetry ? "warn" : "error"](
          { requestId: record.requestId, cause: verdict.operatorMessage, upstream: record.upstream },
          `${c.req.method} ${c.req.path} failed upstream`,
        );
      }
      return respondWithError(c, verdict.answer);
    }
  };

  const answered = (c: FilesContext, traceId: string | undefined, status: number | undefined) => {
    recordOf(c).upstream = { httpStatus: status, code: 0, traceId };
    if (traceId) c.header("Trace-Id", traceId);
  };

  return {
    list: async (c: FilesContext): Promise<Response> => {
      const purpose = c.req.query("purpose");
      if (!purpose) return invalid(c, "list needs a purpose");
      return upstream(c, async (signal) => {
        const { data, traceId, httpStatus } = await client.files.listWithResponse(
          { purpose: purpose as ListPurpose },
          { signal, maxRetries: 0 },
        );
        const caller = c.get("caller");
        const owners = caller.admin ? [] : await ownership.ownersOf(data.map((file) => file.file_id));
        const files = caller.admin ? data : data.filter((_, index) => owners[index] === caller.name);
        answered(c, traceId, httpStatus);
        return minimaxJson(c, { files, base_resp: { status_code: 0, status_msg: "success" } });
      });
    },

    retrieve: async (c: FilesContext): Promise<Response> => {
      const fileId = fileIdOf(c.req.query("file_id"));
      if (!fileId || !(await mayAccess(c, fileId))) return noSuchFile(c);
      return upstream(c, async (signal) => {
        const { data, traceId, httpStatus } = await client.files.retrieveWithResponse(fileId, { signal, maxRetries: 0 });
        answered(c, traceId, httpStatus);
        return minimaxJson(c, { file: data, base_resp: { status_code: 0, status_msg: "success" } });
      });
    },

    retrieveContent: async (c: FilesContext): Promise<Response> => {
      const fileId = fileIdOf(c.req.query("file_id"));
      if (!fileId || !(await mayAccess(c, fileId))) return noSuchFile(c);
      return upstream(c, async (signal) => {
        const content = await client.files.retrieveContent(fileId, { signal, maxRetries: 0 });
        answered(c, content.traceId, content.response.status);
        const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
        if (content.size !== undefined) headers["Content-Length"] = String(content.size);
        if (content.traceId) headers["Trace-Id"] = content.traceId;
        // Streamed through: the bytes flow from upstream to the caller with backpressure, never gathered.
        return c.body(content.body, 200, headers);
      });
    },

    clone: async (c: FilesContext): Promise<Response> => {
      const text = await boundedText(c.req.raw.body, maxJsonBodyBytes);
      if (text === undefined) return invalid(c, `the body is over ${maxJsonBodyBytes} bytes`);
      let fields: Record<string, unknown>;
      try {
        fields = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return invalid(c, "the body is not JSON (expected {file_id, voice_id, …})");
      }
      // The ids are JSON numbers: read from the text, so no digit is lost.
      const fileId = fileIdOf(jsonNumberField(text, "file_id"));
      const prompt = fields["clone_prompt"] as { prompt_text?: unknown } | undefined;
      const promptFileId = prompt ? fileIdOf(jsonNumberField(text, "prompt_audio")) : undefined;
      if (!fileId) return invalid(c, "file_id must be a JSON number");
      if (prompt && !promptFileId) return invalid(c, "clone_prompt.prompt_audio must be a JSON number");
      // A caller clones only from files it owns: any other id is answered as one that does not exist.
      if (!(await mayAccess(c, fileId)) || (promptFileId && !(await mayAccess(c, promptFileId)))) return noSuchFile(c);
      const voiceId = fields["voice_id"];
      if (typeof voiceId !== "string") return invalid(c, "voice_id is required");
      return upstream(c, async (signal) => {
        const voice = await client.voice.clone(
          {
            fileId,
            voiceId,
            prompt: promptFileId ? { fileId: promptFileId, text: prompt?.prompt_text as string } : undefined,
            preview: fields["text"] === undefined ? undefined : { text: fields["text"] as string, model: fields["model"] as CloneModel },
            languageBoost: fields["language_boost"] as string | undefined,
            accuracy: fields["accuracy"] as number | undefined,
            noiseReduction: fields["need_noise_reduction"] as boolean | undefined,
            volumeNormalization: fields["need_volume_normalization"] as boolean | undefined,
            aigcWatermark: fields["aigc_watermark"] as boolean | undefined,
          },
          { signal, maxRetries: 0 },
        );
        answered(c, voice.traceId, 200);
        return c.json(
          {
            input_sensitive: voice.inputSensitive ?? false,
            demo_audio: voice.previewURL ?? "",
            base_resp: { status_code: 0, status_msg: "success" },
          },
          200,
        );
      });
    },

    delete: async (c: FilesContext): Promise<Response> => {
      const declared = Number(c.req.header("content-length") ?? 0);
      if (declared > maxJsonBodyBytes) return invalid(c, `the body is over ${maxJsonBodyBytes} bytes`);
      const text = await boundedText(c.req.raw.body, maxJsonBodyBytes);
      if (text === undefined) return invalid(c, `the body is over ${maxJsonBodyBytes} bytes`);
      let purpose: unknown;
      try {
        purpose = (JSON.parse(text) as { purpose?: unknown }).purpose;
      } catch {
        return invalid(c, "the body is not JSON (expected {file_id, purpose})");
      }
      // MiniMax's contract: file_id is a JSON number; read from the text, so no digit is lost.
      const fileId = fileIdOf(jsonNumberField(text, "file_id"));
      if (!fileId) return invalid(c, "file_id must be a JSON number");
      if (typeof purpose !== "string") return invalid(c, "delete needs a purpose");
      if (!(await mayAccess(c, fileId))) return noSuchFile(c);
      return upstream(c, async (signal) => {
        const { data, traceId, httpStatus } = await client.files.deleteWithResponse(
          fileId,
          { purpose: purpose as DeletePurpose },
          { signal, maxRetries: 0 },
        );
        await ownership.forget(fileId);
        answered(c, traceId, httpStatus);
        return minimaxJson(c, { file_id: data.file_id, base_resp: { status_code: 0, status_msg: "success" } });
      });
    },
  };
}

/** A small body's text, or undefined once it passes `limit` bytes. */
async function boundedText(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string | undefined> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.length;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
