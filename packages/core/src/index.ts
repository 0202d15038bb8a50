/**
 * Typed, dependable client for MiniMax's voice-cloning file upload
 * (`POST /minimax/v1/files/upload`).
 * @module
 */
export { MiniMaxFiles, uploadPath, type Purpose, type RequestOptions, type UploadParams } from "./client.js";
export type { ClientOptions } from "./client-options.js";
export type { FileId, UploadedFile } from "./uploaded-file.js";
export type { UploadSource } from "./upload-source.js";
export {
  APIError,
  AuthenticationError,
  ConnectionError,
  HTTPError,
  InsufficientBalanceError,
  InvalidAPIKeyError,
  InvalidInputError,
  InvalidParametersError,
  InvalidResponseError,
  MiniMaxFilesError,
  RateLimitError,
  SensitiveContentError,
  UploadAbortedError,
  type APIErrorInit,
} from "./errors.js";
export { purposeSchema, uploadResponseWireSchema } from "./response-schema.js";
export type { components, paths } from "./generated/openapi.js";
