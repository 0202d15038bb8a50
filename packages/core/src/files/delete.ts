/**
 * `POST /minimax/v1/files/delete`: `{file_id, purpose}` as JSON, the id written as a JSON number
 * with every digit (MiniMax answers "invalid params" to a string), never through a JS number.
 * @module
 */
import { readAnswer } from "../engine/read-answer.js";
import type { Attempt, Operation, RequestEngine } from "../engine/request-engine.js";
import { InvalidParametersError } from "../errors.js";
import { checkRequiredPurpose, type DeletePurpose } from "../purpose.js";
import { deleteResponseWireSchema } from "../response-schema.js";
import type { DeletedFile } from "../uploaded-file.js";
import { checkFileId, type FileIdInput } from "./file-id.js";
import { retrieveOperation } from "./retrieve.js";

/** Parameters of `files.delete` besides the id. */
export interface DeleteParams {
  /**
   * The file's purpose (required, as MiniMax's reference has it): an upload purpose, `t2a_async`
   * or `video_generation`.
   */
  purpose: DeletePurpose;
}

const path = "/minimax/v1/files/delete";

/** The delete operation, for a checked id and purpose. */
export function deleteOperation(engine: RequestEngine, fileId: FileIdInput, params: DeleteParams): Operation<DeletedFile> {
  const id = checkFileId(fileId);
  const purpose = checkRequiredPurpose("delete", (params as Partial<DeleteParams> | undefined)?.purpose);
  const json = `{"file_id":${id},"purpose":${JSON.stringify(purpose)}}`;
  return {
    name: "delete",
    path,
    // Deleting twice deletes once: a retry after a lost answer is safe, and reports what happened.
    idempotent: true,
    send: async (attempt) => {
      const result = await engine.api.POST(
        path,
        attempt.callOptions({
          body: { file_id: id as unknown as number, purpose },
          bodySerializer: () => json,
          headers: { ...attempt.init.headers, "Content-Type": "application/json" },
        }),
      );
      const context = { baseURL: engine.options.baseURL, attempt: attempt.number, endpoint: attempt.endpoint };
      try {
        const { data } = readAnswer(result.response, result.data ?? result.error, deleteResponseWireSchema, context);
        return { value: { file_id: data.file_id === undefined ? id : String(data.file_id) }, response: result.response };
      } catch (error) {
        // A retry that finds no such file (2013), after an attempt that got no answer: did that attempt delete it?
        if (attempt.number > 1 && error instanceof InvalidParametersError && (await isGone(engine, id, attempt))) {
          return { value: { file_id: id, deletedByEarlierAttempt: true }, response: result.response };
        }
        throw error;
      }
    },
  };
}

/** Whether `retrieve` answers that the file does not exist (2013), which tells a deleted file from a wrong purpose. */
async function isGone(engine: RequestEngine, id: string, attempt: Attempt): Promise<boolean> {
  try {
    await retrieveOperation(engine, id).send(attempt);
    return false;
  } catch (error) {
    return error instanceof InvalidParametersError;
  }
}
