/**
 * `@minimax-files/core/schemas`: the zod schemas of the purposes and of every answer, as the
 * client checks them (mirroring `spec/openapi.yaml`).
 * @module
 */
export {
  baseRespSchema,
  cloneModelSchema,
  deletePurposeSchema,
  deleteResponseWireSchema,
  errorResponseWireSchema,
  fileIdWireSchema,
  listPurposeSchema,
  listResponseWireSchema,
  purposeSchema,
  retrieveResponseWireSchema,
  storedFileWireSchema,
  uploadedFileWireSchema,
  uploadResponseWireSchema,
  voiceCloneResponseWireSchema,
} from "../response-schema.js";
