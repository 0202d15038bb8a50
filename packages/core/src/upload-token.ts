/**
 * Short-lived signed upload tokens: a backend that holds a secret mints a token scoped to one
 * caller, a purpose, a largest body and an expiry of minutes, and hands it to a web page, which
 * uploads with it (`Authorization: Bearer <token>`) instead of a long-lived caller token. The
 * server of this project verifies them; backends that do not run it can verify them with
 * {@link verifyUploadToken}. HMAC-SHA-256 through Web Crypto, so it runs in Node and browsers
 * (mint only where the secret can be kept: on a server).
 *
 * Format: `mfu1.<base64url(JSON claims)>.<base64url(signature)>`.
 * @module
 */
import { InvalidInputError, MiniMaxFilesError } from "./errors.js";
import { checkPurpose, type Purpose } from "./purpose.js";

/** What an upload token allows. */
export interface UploadTokenClaims {
  /** The caller the token acts for (its limits apply). */
  sub: string;
  /** The only purpose it may upload for. */
  purpose: Purpose;
  /** The largest request body it may send, in bytes. */
  maxBytes: number;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

/** What {@link mintUploadToken} needs. */
export interface MintUploadTokenOptions {
  /** The caller the token acts for. */
  caller: string;
  /** Defaults to `voice_clone`. */
  purpose?: Purpose | undefined;
  /** Largest request body, in bytes. Defaults to 21 MiB (MiniMax's 20 MB limit plus multipart framing). */
  maxBytes?: number | undefined;
  /** Lifetime, in seconds: 1 to 3600. Defaults to 300. */
  expiresInSeconds?: number | undefined;
}

/** Why a token was refused. */
export type UploadTokenProblem = "malformed" | "signature" | "expired";

/** An upload token that is malformed, not signed with the secret, or expired. */
export class UploadTokenError extends MiniMaxFilesError {
  override name = "UploadTokenError";
  constructor(
    readonly problem: UploadTokenProblem,
    message: string,
  ) {
    super(`Invalid upload token (${problem}): ${message}`);
  }
}

/** Tokens start with this, so that a server tells them from caller tokens at a glance. */
export const uploadTokenPrefix = "mfu1.";
const minimumSecretBytes = 32;
const defaultMaxBytes = 21 * 1024 * 1024;
const encoder = new TextEncoder();

/**
 * Mints a token for `options.caller`, signed with `secret` (at least 32 bytes).
 * @throws InvalidInputError for a short secret or an option out of range.
 */
export async function mintUploadToken(
  secret: string,
  options: MintUploadTokenOptions,
  now = Date.now(),
): Promise<{ token: string; claims: UploadTokenClaims }> {
  const expiresInSeconds = options.expiresInSeconds ?? 300;
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  if (typeof options.caller !== "string" || !options.caller)
    throw new InvalidInputError("caller", "it is empty", "the name of the caller the token acts for");
  if (!Number.isSafeInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > 3600) {
    throw new InvalidInputError("expiresInSeconds", `got ${String(expiresInSeconds)}`, "a whole number of seconds from 1 to 3600");
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
    throw new InvalidInputError("maxBytes", `got ${String(maxBytes)}`, "a whole number of bytes ≥ 1");
  const claims: UploadTokenClaims = {
    sub: options.caller,
    purpose: checkPurpose(options.purpose),
    maxBytes,
    exp: Math.floor(now / 1000) + expiresInSeconds,
  };
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const signature = base64url(new Uint8Array(await crypto.subtle.sign("HMAC", await keyOf(secret), encoder.encode(payload))));
  return { token: `${uploadTokenPrefix}${payload}.${signature}`, claims };
}

/**
 * Verifies a token against `secret` and returns its claims.
 * @throws UploadTokenError when it is malformed, not signed with `secret`, or expired.
 */
export async function verifyUploadToken(secret: string, token: string, now = Date.now()): Promise<UploadTokenClaims> {
  const parts = typeof token === "string" && token.startsWith(uploadTokenPrefix) ? token.slice(uploadTokenPrefix.length).split(".") : [];
  if (parts.length !== 2) throw new UploadTokenError("malformed", `expected ${uploadTokenPrefix}<claims>.<signature>`);
  const [payload, signature] = parts as [string, string];
  const signatureBytes = fromBase64url(signature);
  if (
    !signatureBytes ||
    !(await crypto.subtle.verify("HMAC", await keyOf(secret), signatureBytes as Uint8Array<ArrayBuffer>, encoder.encode(payload)))
  ) {
    throw new UploadTokenError("signature", "it was not signed with this server's secret");
  }
  let claims: UploadTokenClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as UploadTokenClaims;
  } catch {
    throw new UploadTokenError("malformed", "its claims are not JSON");
  }
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= now)
    throw new UploadTokenError("expired", `it expired at ${new Date((claims.exp ?? 0) * 1000).toISOString()}`);
  return claims;
}

async function keyOf(secret: string): Promise<CryptoKey> {
  const bytes = encoder.encode(secret);
  if (bytes.length < minimumSecretBytes)
    throw new InvalidInputError("secret", `it has ${bytes.length} bytes`, `at least ${minimumSecretBytes} bytes of random text`);
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
