import { createHash, timingSafeEqual } from "node:crypto";
import { type UploadTokenClaims, UploadTokenError, uploadTokenPrefix, verifyUploadToken } from "@minimax-files/core/upload-tokens";
import type { Context, MiddlewareHandler } from "hono";
import type { Caller } from "../callers/callers.js";
import { respondWithError, statusCodes } from "../error-body.js";
import { recordOf } from "../observability/request-record.js";
import { requestHeader } from "../request-header.js";

/** What {@link callerAuth} hands on: the caller the token belongs to, and the upload token's claims when one was used. */
export interface CallerVariables {
  caller: Caller;
  uploadToken: UploadTokenClaims | undefined;
}

/** Options of {@link callerAuth}. */
export interface CallerAuthOptions {
  /** Verifies upload tokens (`mfu1.…`) when set; they act for the caller they name. */
  uploadTokenSecret?: string | undefined;
}

/**
 * Lets a request through only when it carries `Authorization: Bearer <token>` whose SHA-256 is
 * one of the callers' (compared in constant time, over every caller); answers 401 in the API's
 * error shape otherwise, before the body is read and before the upstream key is ever used.
 * With `uploadTokenSecret`, a signed upload token (see core's `mintUploadToken`) is accepted
 * too, unexpired, for the caller it names; `acceptUploadTokens: false` refuses them (minting a
 * token takes a caller token).
 */
export function callerAuth(
  callers: readonly Caller[],
  options: CallerAuthOptions & { acceptUploadTokens?: boolean } = {},
): MiddlewareHandler<{ Variables: CallerVariables }> {
  const digests = callers.map((caller) => ({ caller, digest: Buffer.from(caller.tokenSha256, "hex") }));
  const refuse = (c: Context, reason: string) => {
    recordOf(c).refusal = "auth";
    c.header("WWW-Authenticate", 'Bearer realm="minimax-files"');
    return respondWithError(c, {
      status: 401,
      code: statusCodes.authenticationFailed,
      message: `authentication failed: ${reason}`,
      shouldRetry: false,
    });
  };
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(requestHeader(c, "authorization") ?? "");
    const bearer = match?.[1];
    let found: Caller | undefined;
    let claims: UploadTokenClaims | undefined;
    if (bearer?.startsWith(uploadTokenPrefix) && options.uploadTokenSecret && options.acceptUploadTokens !== false) {
      try {
        claims = await verifyUploadToken(options.uploadTokenSecret, bearer);
      } catch (error) {
        if (error instanceof UploadTokenError)
          return refuse(
            c,
            `the upload token is ` +
              `${error.problem === "expired" ? "expired" : error.problem === "signature" ? "not signed by this server" : "malformed"}`,
          );
        throw error;
      }
      found = callers.find((caller) => caller.name === claims!.sub);
      if (!found) return refuse(c, "the upload token's caller is no longer known to this server");
    } else {
      const presented = bearer ? createHash("sha256").update(bearer).digest() : undefined;
      for (const { caller, digest } of digests) if (presented && timingSafeEqual(digest, presented)) found ??= caller;
    }
    if (!found) return refuse(c, match ? "the bearer token is not one of this server's caller tokens" : "no bearer token was sent");
    recordOf(c).caller = found;
    c.set("caller", found);
    c.set("uploadToken", claims);
    await next();
  };
}
