/**
 * Typed, dependable client for MiniMax's file operations: the voice-cloning upload
 * (`POST /minimax/v1/files/upload`) and the rest of its File Management API (list, retrieve,
 * retrieve_content, delete). The root export is the client, its errors and its types; helpers
 * live on subpaths: `@minimax-files/core/audio` (inspection, limits, conversion to WAV),
 * `/upload-tokens`, `/schemas` (zod) and `/hosts` (regions and paths).
 * @module
 */

export type { DurationLimit, PreflightLimits } from "./audio/limits.js";
export type { AudioFormat } from "./audio/sniff.js";
export { MiniMaxFiles } from "./client.js";
export { type ClientOptions, type ConvertOptions, defaultMaxResponseBytes, defaultTimeoutMs } from "./client-options.js";
export type { RequestOptions, RetryEvent } from "./engine/request-options.js";
export {
  AbortedError,
  APIError,
  type APIErrorInit,
  ASRSimilarityError,
  AudioPreflightError,
  AuthenticationError,
  BadRequestError,
  CloningNotPermittedError,
  ConnectionError,
  DuplicateVoiceIdError,
  ForbiddenError,
  genericErrorCodes,
  HTTPError,
  InsufficientBalanceError,
  InternalServiceError,
  InvalidAPIKeyError,
  InvalidInputError,
  InvalidParametersError,
  InvalidResponseError,
  type InvalidResponseReason,
  MiniMaxFilesError,
  NotFoundError,
  PayloadTooLargeError,
  type PreflightRemedy,
  type PreflightRule,
  PromptSimilarityError,
  RateLimitError,
  RequestTimeoutError,
  ResponseError,
  type ResponseInfo,
  SensitiveContentError,
  ServerError,
  ServiceTimeoutError,
  SourceError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  UploadAbortedError,
  UploadTimeoutError,
} from "./errors.js";
export type { DeleteParams } from "./files/delete.js";
export type { FileContent } from "./files/file-content.js";
export type { FileIdInput } from "./files/file-id.js";
export type { Files, WithResponse } from "./files/files.js";
export type { ListParams } from "./files/list.js";
export type { DownloadOptions, DownloadResult } from "./files/retrieve-content.js";
export type { UploadOptions, UploadParams, UploadResult } from "./files/upload.js";
export type { components, paths } from "./generated/openapi.js";
export type { Region } from "./hosts.js";
export type { ProgressListener, UploadProgress } from "./progress.js";
export type { DeletePurpose, ListPurpose, Purpose } from "./purpose.js";
export { defaultRetryPolicy, parseRetryAfter, type RetryOptions } from "./retry.js";
export type { NodeReadableLike, UploadSource } from "./sources/types.js";
export type { DeletedFile, FileId, StoredFile, UploadedFile } from "./uploaded-file.js";
export type { ClonedVoice, CloneOptions, CloneParams, CloneStep } from "./voice/clone.js";
export type { CloneModel } from "./voice/clone-params.js";
export { voiceIdRules } from "./voice/clone-params.js";
export type { Voice } from "./voice/voice.js";
