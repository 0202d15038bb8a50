/**
 * Typed, dependable client for MiniMax's voice-cloning file upload
 * (`POST /minimax/v1/files/upload`).
 * @module
 */

export { type AudioReport, inspectAudio, type PurposeVerdict } from "./audio/inspect.js";
export { type DurationLimit, defaultLimits, describeDurationLimit, type PreflightLimits } from "./audio/limits.js";
export { type AudioFormat, contentTypeByFormat, sniffAudioFormat } from "./audio/sniff.js";
export { encodeWav, type ToWavOptions, toWav } from "./audio/to-wav.js";
export { MiniMaxFiles, type RequestOptions, type RetryEvent, type UploadParams, type UploadResult } from "./client.js";
export { type ClientOptions, type ConvertOptions, defaultMaxResponseBytes, defaultTimeoutMs } from "./client-options.js";
export {
  APIError,
  type APIErrorInit,
  AudioPreflightError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  ForbiddenError,
  genericErrorCodes,
  HTTPError,
  InsufficientBalanceError,
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
  RateLimitError,
  RequestTimeoutError,
  ResponseError,
  type ResponseInfo,
  SensitiveContentError,
  ServerError,
  SourceError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  UploadAbortedError,
  UploadTimeoutError,
} from "./errors.js";
export type { components, paths } from "./generated/openapi.js";
export {
  directUploadPath,
  gatewayUploadPath,
  gatewayUploadPath as uploadPath,
  otherRegionHost,
  type Region,
  regionBaseURLs,
} from "./hosts.js";
export type { ProgressListener, UploadProgress } from "./progress.js";
export type { Purpose } from "./purpose.js";
export { purposeSchema, uploadResponseWireSchema } from "./response-schema.js";
export { defaultRetryPolicy, parseRetryAfter, type RetryOptions } from "./retry.js";
export type { NodeReadableLike, UploadSource } from "./sources/types.js";
export {
  type MintUploadTokenOptions,
  mintUploadToken,
  type UploadTokenClaims,
  UploadTokenError,
  type UploadTokenProblem,
  uploadTokenPrefix,
  verifyUploadToken,
} from "./upload-token.js";
export type { FileId, UploadedFile } from "./uploaded-file.js";
