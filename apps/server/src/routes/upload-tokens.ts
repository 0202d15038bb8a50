import { InvalidInputError, type Purpose } from "@minimax-files/core";
import { mintUploadToken } from "@minimax-files/core/upload-tokens";
import { Hono } from "hono";
import type { Caller } from "../callers/callers.js";
import { respondWithError, statusCodes } from "../error-body.js";
import { type CallerVariables, callerAuth } from "../middleware/caller-auth.js";

/** What the upload-tokens route needs. */
export interface UploadTokenRouteOptions {
  callers: readonly Caller[];
  /** Signs the tokens; the route answers 404 without it. */
  secret: string | undefined;
  /** A token's body limit never exceeds the server's. */
  maxBodyBytes: number;
}

/** The path of the route. */
export const uploadTokensPath = "/v1/upload-tokens";

/**
 * `POST /v1/upload-tokens` (with a caller token, never an upload token): mints a short-lived
 * upload token for a web page, scoped to a purpose, a largest body and an expiry (JSON body
 * `{ purpose?, maxBytes?, expiresInSeconds? }`, defaults voice_clone, the server's body limit,
 * 300 s; at most 3600 s). Answers 201 `{ token, purpose, maxBytes, expiresAt }`.
 */
export function uploadTokenRoutes(options: UploadTokenRouteOptions): Hono<{ Variables: CallerVariables }> {
  const routes = new Hono<{ Variables: CallerVariables }>();
  routes.post(uploadTokensPath, callerAuth(options.callers, { acceptUploadTokens: false }), async (c) => {
    if (!options.secret) {
      return respondWithError(c, {
        status: 404,
        code: statusCodes.invalidParameters,
        message: "upload tokens are not enabled on this server (MINIMAX_FILES_UPLOAD_TOKEN_SECRET is unset)",
        shouldRetry: false,
      });
    }
    let asked: { purpose?: unknown; maxBytes?: unknown; expiresInSeconds?: unknown } = {};
    const text = await c.req.text();
    if (text.trim()) {
      try {
        asked = JSON.parse(text) as typeof asked;
      } catch {
        return respondWithError(c, {
          status: 400,
          code: statusCodes.invalidParameters,
          message: "the body is not JSON (expected { purpose?, maxBytes?, expiresInSeconds? })",
          shouldRetry: false,
        });
      }
    }
    try {
      const maxBytes = (asked.maxBytes as number | undefined) ?? options.maxBodyBytes;
      if (typeof maxBytes === "number" && maxBytes > options.maxBodyBytes)
        throw new InvalidInputError("maxBytes", `${maxBytes} is over this server's body limit`, `at most ${options.maxBodyBytes}`);
      const { token, claims } = await mintUploadToken(options.secret, {
        caller: c.get("caller").name,
        purpose: asked.purpose as Purpose | undefined,
        maxBytes,
        expiresInSeconds: asked.expiresInSeconds as number | undefined,
      });
      return c.json(
        { token, purpose: claims.purpose, maxBytes: claims.maxBytes, expiresAt: new Date(claims.exp * 1000).toISOString() },
        201,
      );
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return respondWithError(c, {
        status: 400,
        code: statusCodes.invalidParameters,
        message: `invalid ${error.field}: ${error.problem}; expected ${error.expected}`,
        shouldRetry: false,
      });
    }
  });
  return routes;
}
