import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { respondWithError, statusCodes } from "../error-body.js";

const digest = (token: string) => createHash("sha256").update(token).digest();

/**
 * Lets a request through only when it carries `Authorization: Bearer <token>` with one of the
 * server's own caller tokens (compared in constant time); answers 401 in the API's error shape
 * otherwise, before the body is read and before the upstream key is ever used.
 */
export function callerAuth(tokens: readonly string[]): MiddlewareHandler {
  const allowed = tokens.map(digest);
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    const presented = match?.[1] ? digest(match[1]) : undefined;
    if (!presented || !allowed.some((token) => timingSafeEqual(token, presented))) {
      c.header("WWW-Authenticate", 'Bearer realm="minimax-files"');
      const reason = match ? "the bearer token is not one of this server's caller tokens" : "no bearer token was sent";
      return respondWithError(c, { status: 401, code: statusCodes.authenticationFailed, message: `authentication failed: ${reason}`, shouldRetry: false });
    }
    await next();
  };
}
