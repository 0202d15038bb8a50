/**
 * `@minimax-files/core/upload-tokens`: short-lived signed tokens that let a browser upload through
 * a server holding the key (the server of `@minimax-files/server` mints and checks them).
 * @module
 */
export {
  type MintUploadTokenOptions,
  mintUploadToken,
  type UploadTokenClaims,
  UploadTokenError,
  type UploadTokenProblem,
  uploadTokenPrefix,
  verifyUploadToken,
} from "../upload-token.js";
