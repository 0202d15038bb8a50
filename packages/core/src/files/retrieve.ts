/** `GET /minimax/v1/files/retrieve`: one file's record, with a `download_url` when MiniMax offers one. @module */
import { readAnswer } from "../engine/read-answer.js";
import type { Operation, RequestEngine } from "../engine/request-engine.js";
import { InvalidResponseError } from "../errors.js";
import { retrieveResponseWireSchema } from "../response-schema.js";
import { type StoredFile, withDigitsId } from "../uploaded-file.js";
import { checkFileId, type FileIdInput } from "./file-id.js";

const path = "/minimax/v1/files/retrieve";

/** The retrieve operation, for a checked id. */
export function retrieveOperation(engine: RequestEngine, fileId: FileIdInput): Operation<StoredFile> {
  const id = checkFileId(fileId);
  return {
    name: "retrieve",
    path,
    idempotent: true,
    send: async (attempt) => {
      // The id's digits go into the query string as they are: the spec's int64 is typed as a
      // number, which would lose digits above 2^53.
      const query = { file_id: id as unknown as number };
      const result = await engine.api.GET(path, attempt.callOptions({ params: { query } }));
      const context = { baseURL: engine.options.baseURL, attempt: attempt.number, endpoint: attempt.endpoint };
      // `answer.info` is read only for an error: reading it costs a pass over the headers.
      const answer = readAnswer(result.response, result.data ?? result.error, retrieveResponseWireSchema, context);
      const { data } = answer;
      if (data.file?.file_id === undefined)
        throw new InvalidResponseError("no-file-id", "status 0 (success) came without file.file_id", answer.info);
      return { value: withDigitsId(data.file), response: result.response };
    },
  };
}
