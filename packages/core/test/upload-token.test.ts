import { describe, expect, test } from "vitest";
import { InvalidInputError } from "../src/errors.js";
import { mintUploadToken, UploadTokenError, verifyUploadToken } from "../src/upload-token.js";

const secret = "a-secret-of-at-least-thirty-two-bytes-0123456789";
const now = Date.parse("2026-11-26T10:00:00Z");

describe("upload tokens", () => {
  test("a minted token verifies to its claims until it expires", async () => {
    const { token, claims } = await mintUploadToken(
      secret,
      { caller: "web", purpose: "prompt_audio", maxBytes: 1_000_000, expiresInSeconds: 120 },
      now,
    );
    expect(token).toMatch(/^mfu1\.[\w-]+\.[\w-]+$/);
    expect(claims).toEqual({ sub: "web", purpose: "prompt_audio", maxBytes: 1_000_000, exp: now / 1000 + 120 });
    expect(await verifyUploadToken(secret, token, now + 119_000)).toEqual(claims);
    await expect(verifyUploadToken(secret, token, now + 120_000)).rejects.toMatchObject({ name: "UploadTokenError", problem: "expired" });
  });

  test("defaults: voice_clone, 21 MiB, 5 minutes", async () => {
    const { claims } = await mintUploadToken(secret, { caller: "web" }, now);
    expect(claims).toEqual({ sub: "web", purpose: "voice_clone", maxBytes: 21 * 1024 * 1024, exp: now / 1000 + 300 });
  });

  test("a token whose claims were changed, or signed with another secret, is refused", async () => {
    const { token } = await mintUploadToken(secret, { caller: "web", maxBytes: 1000 }, now);
    const [, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    const widened = Buffer.from(JSON.stringify({ ...claims, maxBytes: 10 ** 9 })).toString("base64url");
    await expect(verifyUploadToken(secret, `mfu1.${widened}.${signature}`, now)).rejects.toMatchObject({ problem: "signature" });
    await expect(verifyUploadToken(`${secret}-other`, token, now)).rejects.toMatchObject({ problem: "signature" });
  });

  test.each(["", "mfu1.", "mfu1.a.b.c", "Bearer mfu1.x.y", "mfu1.abc.***", "caller-token-plain"])(
    "%j is malformed or unsigned",
    async (token) => {
      const error = await verifyUploadToken(secret, token, now).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UploadTokenError);
      expect(["malformed", "signature"]).toContain((error as UploadTokenError).problem);
    },
  );

  test("a short secret or an option out of range is refused before anything is signed", async () => {
    await expect(mintUploadToken("short", { caller: "web" })).rejects.toMatchObject({ field: "secret" });
    await expect(mintUploadToken(secret, { caller: "web", expiresInSeconds: 7200 })).rejects.toMatchObject({ field: "expiresInSeconds" });
    await expect(mintUploadToken(secret, { caller: "web", maxBytes: 0 })).rejects.toMatchObject({ field: "maxBytes" });
    await expect(mintUploadToken(secret, { caller: "" })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(mintUploadToken(secret, { caller: "web", purpose: "karaoke" as never })).rejects.toMatchObject({ field: "purpose" });
  });
});
