/**
 * Web pages as callers: short-lived signed upload tokens (`POST /v1/upload-tokens`) and the
 * CORS allow-list, over real sockets with the Prism mock upstream, then in a real headless
 * Chromium (Debian's `chromium` + playwright-core): a page on an allowed origin uploads with a
 * token, one on another origin cannot, and /docs renders the API reference.
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mintUploadToken } from "@minimax-files/core/upload-tokens";
import { launchChromium, makeWav } from "@minimax-files/testkit";
import type {} from "@minimax-files/testkit/vitest-prism-setup";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { callerToken, startTestServer } from "./helpers/test-server.js";

const path = "/minimax/v1/files/upload";
const secret = "browser-page-token-secret-0123456789abcdef";
const clip = makeWav({ seconds: 12 });

let server: Awaited<ReturnType<typeof startTestServer>>;
let allowedPage: { server: Server; origin: string };
let otherPage: { server: Server; origin: string };

async function pageServer(): Promise<{ server: Server; origin: string }> {
  const page = createServer((request, response) => {
    if (request.url === "/clip.wav") return response.writeHead(200, { "Content-Type": "audio/wav" }).end(clip);
    response.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>voice upload</title>");
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
  return { server: page, origin: `http://127.0.0.1:${(page.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  allowedPage = await pageServer();
  otherPage = await pageServer();
  server = await startTestServer(inject("prismUrl"), {
    uploadTokenSecret: secret,
    corsOrigins: [allowedPage.origin],
    corsAllowCredentials: false,
  });
});
afterAll(async () => {
  await server?.close();
  allowedPage?.server.close();
  otherPage?.server.close();
});

async function mint(body: unknown, token = callerToken): Promise<Response> {
  return fetch(`${server.url}/v1/upload-tokens`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

function uploadWith(token: string, purpose = "voice_clone", file: Uint8Array = clip): Promise<Response> {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("file", new File([file as Uint8Array<ArrayBuffer>], "voice.wav", { type: "audio/wav" }));
  return fetch(`${server.url}${path}`, { method: "POST", body: form, headers: { Authorization: `Bearer ${token}` } });
}

describe("upload tokens", () => {
  test("a caller mints a token scoped to a purpose, a size and minutes; it uploads as that caller", async () => {
    const minted = await mint({ purpose: "voice_clone", maxBytes: 1_000_000, expiresInSeconds: 120 });
    expect(minted.status).toBe(201);
    const { token, purpose, maxBytes, expiresAt } = (await minted.json()) as {
      token: string;
      purpose: string;
      maxBytes: number;
      expiresAt: string;
    };
    expect({ purpose, maxBytes }).toEqual({ purpose: "voice_clone", maxBytes: 1_000_000 });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(100_000);
    const uploaded = await uploadWith(token);
    expect(uploaded.status).toBe(200);
    expect(server.logEntries().find((entry) => entry["route"] === path && entry["status"] === 200)).toMatchObject({ caller: "caller-1" });
    expect(server.logs.join("\n")).not.toContain(token.split(".")[2]);
  });

  test("a token holds to its scope: another purpose is 422, a larger body 413", async () => {
    const { token } = (await (await mint({ purpose: "prompt_audio", maxBytes: 100_000 })).json()) as { token: string };
    expect((await uploadWith(token, "voice_clone", clip.subarray(0, 50_000))).status).toBe(422);
    expect((await uploadWith(token, "prompt_audio")).status).toBe(413);
  });

  test("an expired token, one signed with another secret, or one used to mint more, is refused with 401", async () => {
    const { token: expired } = await mintUploadToken(secret, { caller: "caller-1", expiresInSeconds: 1 }, Date.now() - 10_000);
    const expiredAnswer = await uploadWith(expired);
    expect(expiredAnswer.status).toBe(401);
    expect(((await expiredAnswer.json()) as { base_resp: { status_msg: string } }).base_resp.status_msg).toBe(
      "authentication failed: the upload token is expired",
    );
    const { token: forged } = await mintUploadToken("another-secret-that-is-32-bytes-long-000", { caller: "caller-1" });
    expect((await uploadWith(forged)).status).toBe(401);
    const { token } = (await (await mint({})).json()) as { token: string };
    expect((await mint({}, token)).status).toBe(401);
  });

  test("bad requests for a token are 400, naming the field", async () => {
    const answer = await mint({ expiresInSeconds: 86_400 });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { base_resp: { status_msg: string } }).base_resp.status_msg).toMatch(/^invalid expiresInSeconds: /);
    expect((await mint({ maxBytes: 10 ** 9 })).status).toBe(400);
  });
});

describe("CORS", () => {
  test("a preflight from an allowed origin is answered before authentication; another origin gets no grant", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}${path}`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,idempotency-key",
        },
      });
    const allowed = await preflight(allowedPage.origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(allowedPage.origin);
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect((await preflight(otherPage.origin)).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** Runs an upload with `token` from a page on `origin`; what the page saw. */
  async function uploadFromPage(origin: string, token: string) {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, token }) => {
          const form = new FormData();
          form.append("purpose", "voice_clone");
          form.append("file", new File([await (await fetch("/clip.wav")).blob()], "voice.wav", { type: "audio/wav" }));
          try {
            const response = await fetch(url, { method: "POST", body: form, headers: { Authorization: `Bearer ${token}` } });
            return { status: response.status, traceId: response.headers.get("trace-id"), body: await response.json() };
          } catch (error) {
            return { failed: String(error) };
          }
        },
        { url: `${server.url}${path}`, token },
      );
    } finally {
      await page.close();
    }
  }

  test("a page on an allowed origin uploads with an upload token and reads Trace-Id; a page on another origin is blocked", async () => {
    const { token } = (await (await mint({ expiresInSeconds: 60 })).json()) as { token: string };
    const allowed = await uploadFromPage(allowedPage.origin, token);
    expect(allowed).toMatchObject({
      status: 200,
      traceId: expect.any(String),
      body: { file: { file_id: expect.anything() }, base_resp: { status_code: 0 } },
    });
    expect(await uploadFromPage(otherPage.origin, token)).toEqual({ failed: expect.stringMatching(/TypeError/) });
  });

  test("/docs renders the API reference from the server's own spec", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/docs`);
      await page.getByText(path).first().waitFor({ timeout: 15_000 });
      expect(await page.getByText("Upload an audio file for voice cloning").count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
