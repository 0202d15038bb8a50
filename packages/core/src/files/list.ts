/** `GET /minimax/v1/files/list`: every file stored for one purpose (no pagination). @module */
import { readAnswer } from "../engine/read-answer.js";
import type { Operation, RequestEngine } from "../engine/request-engine.js";
import { checkRequiredPurpose, type ListPurpose } from "../purpose.js";
import { listResponseWireSchema } from "../response-schema.js";
import { type UploadedFile, withDigitsId } from "../uploaded-file.js";

/** Parameters of `files.list`. */
export interface ListParams {
  /** Which files to list: `voice_clone`, `prompt_audio` or `t2a_async_input` (required, as MiniMax's reference has it). */
  purpose: ListPurpose;
}

const path = "/minimax/v1/files/list";

/** The list operation, for a checked purpose. */
export function listOperation(engine: RequestEngine, params: ListParams): Operation<UploadedFile[]> {
  const purpose = checkRequiredPurpose("list", (params as Partial<ListParams> | undefined)?.purpose);
  return {
    name: "list",
    path,
    idempotent: true,
    send: async (attempt) => {
      const result = await engine.api.GET(path, attempt.callOptions({ params: { query: { purpose } } }));
      const context = { baseURL: engine.options.baseURL, attempt: attempt.number, endpoint: attempt.endpoint };
      const { data } = readAnswer(result.response, result.data ?? result.error, listResponseWireSchema, context);
      const files: UploadedFile[] = [];
      for (const file of data.files ?? []) if (file.file_id !== undefined) files.push(withDigitsId(file));
      return { value: files, response: result.response };
    },
  };
}
