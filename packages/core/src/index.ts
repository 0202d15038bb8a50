/**
 * Typed, dependable client for MiniMax's voice-cloning file upload
 * (`POST /minimax/v1/files/upload`).
 * @module
 */
export { MiniMaxFiles, type RequestOptions, type RetryEvent, type UploadParams, type UploadResult } from "./client.js";
export { defaultMaxResponseBytes, defaultTimeoutMs, type ClientOptions, type ConvertOptions } from "./client-options.js";
export { defaultRetryPolicy, parseRetryAfter, type RetryOptions } from "./retry.js";
export type { Purpose } from "./purpose.js";
export type { FileId, UploadedFile } from "./uploaded-file.js";
export type { NodeReadableLike, UploadSource } from "./sources/types.js";
export type { ProgressListener, UploadProgress } from "./progress.js";
export { defaultLimits, describeDurationLimit, type DurationLimit, type PreflightLimits } from "./audio/limits.js";
export { contentTypeByFormat, sniffAudioFormat, type AudioFormat } from "./audio/sniff.js";
export { inspectAudio, type AudioReport, type PurposeVerdict } from "./audio/inspect.js";
export { encodeWav, toWav, type ToWavOptions } from "./audio/to-wav.js";
export { directUploadPath, gatewayUploadPath, gatewayUploadPath as uploadPath, otherRegionHost, regionBaseURLs, type Region } from "./hosts.js";
export {
  APIError,
  AudioPreflightError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  ForbiddenError,
  HTTPError,
  InsufficientBalanceError,
  InvalidAPIKeyError,
  InvalidInputError,
  InvalidParametersError,
  InvalidResponseError,
  MiniMaxFilesError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  RequestTimeoutError,
  ResponseError,
  SensitiveContentError,
  SourceError,
  ServerError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  UploadAbortedError,
  UploadTimeoutError,
  genericErrorCodes,
  type APIErrorInit,
  type InvalidResponseReason,
  type PreflightRemedy,
  type PreflightRule,
  type ResponseInfo,
} from "./errors.js";
export { purposeSchema, uploadResponseWireSchema } from "./response-schema.js";
export {
  mintUploadToken,
  uploadTokenPrefix,
  UploadTokenError,
  verifyUploadToken,
  type MintUploadTokenOptions,
  type UploadTokenClaims,
  type UploadTokenProblem,
} from "./upload-token.js";
export type { components, paths } from "./generated/openapi.js";
