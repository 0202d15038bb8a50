import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Caller } from "../callers/callers.js";
import { respondWithError, statusCodes } from "../error-body.js";
import { recordOf } from "../observability/request-record.js";

/** What {@link callerAuth} hands on: the caller the token belongs to. */
export interface CallerVariables {
  caller: Caller;
}

/**
 * Lets a request through only when it carries `Authorization: Bearer <token>` whose SHA-256 is
 * one of the callers' (compared in constant time, over every caller); answers 401 in the API's
 * error shape otherwise, before the body is read and before the upstream key is ever used.
 */
export function callerAuth(callers: readonly Caller[]): MiddlewareHandler<{ Variables: CallerVariables }> {
  const digests = callers.map((caller) => ({ caller, digest: Buffer.from(caller.tokenSha256, "hex") }));
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    const presented = match?.[1] ? createHash("sha256").update(match[1]).digest() : undefined;
    let found: Caller | undefined;
    for (const { caller, digest } of digests) if (presented && timingSafeEqual(digest, presented)) found ??= caller;
    if (!found) {
      recordOf(c).refusal = "auth";
      c.header("WWW-Authenticate", 'Bearer realm="minimax-files"');
      const reason = match ? "the bearer token is not one of this server's caller tokens" : "no bearer token was sent";
      return respondWithError(c, { status: 401, code: statusCodes.authenticationFailed, message: `authentication failed: ${reason}`, shouldRetry: false });
    }
    recordOf(c).caller = found;
    c.set("caller", found);
    await next();
  };
}
