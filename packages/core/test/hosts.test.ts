import { makeWav } from "@minimax-files/testkit";
import { afterEach, describe, expect, test, vi } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import type { ClientOptions } from "../src/client-options.js";
import { canaryKey } from "./canary.js";

const clip = makeWav({ seconds: 12 });

/** Uploads with a fetch that answers locally, and returns the request that would have gone out. */
async function requestFor(options: ClientOptions): Promise<Request> {
  const requests: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response('{"file":{"file_id":1},"base_resp":{"status_code":0,"status_msg":"success"}}');
  }) as typeof fetch;
  await new MiniMaxFiles({ apiKey: canaryKey("hosts"), fetch: fetchImpl, ...options }).upload({ file: clip });
  expect(requests).toHaveLength(1);
  return requests[0]!;
}

afterEach(() => vi.unstubAllEnvs());

describe("where uploads go", () => {
  test.each([
    [{ baseURL: "https://api.minimax.io" }, "https://api.minimax.io/v1/files/upload"],
    [{ baseURL: "https://api.minimaxi.com/" }, "https://api.minimaxi.com/v1/files/upload"],
    [{ region: "global" }, "https://api.minimax.io/v1/files/upload"],
    [{ region: "cn" }, "https://api.minimaxi.com/v1/files/upload"],
    [{ baseURL: "https://gateway.example.com" }, "https://gateway.example.com/minimax/v1/files/upload"],
    [{ baseURL: "https://gateway.example.com/api/" }, "https://gateway.example.com/api/minimax/v1/files/upload"],
    [{ baseURL: "http://127.0.0.1:4010" }, "http://127.0.0.1:4010/minimax/v1/files/upload"],
  ] as const)("%j → %s", async (options, url) => {
    vi.stubEnv("MINIMAX_BASE_URL", "");
    const request = await requestFor(options);
    expect(request.url).toBe(url);
    const form = await request.formData(); // the body survives the host's path change
    expect((form.get("file") as File).size).toBe(clip.length);
  });

  test("with nothing set, uploads go to MiniMax's international host", async () => {
    vi.stubEnv("MINIMAX_BASE_URL", "");
    expect((await requestFor({})).url).toBe("https://api.minimax.io/v1/files/upload");
  });

  test("MINIMAX_BASE_URL is used when no option says otherwise", async () => {
    vi.stubEnv("MINIMAX_BASE_URL", "https://api.minimaxi.com");
    expect((await requestFor({})).url).toBe("https://api.minimaxi.com/v1/files/upload");
    expect((await requestFor({ region: "global" })).url).toBe("https://api.minimax.io/v1/files/upload");
  });

  test("the client tells where it uploads", () => {
    expect(new MiniMaxFiles({ apiKey: canaryKey("hosts"), region: "cn" }).uploadURL).toBe("https://api.minimaxi.com/v1/files/upload");
  });
});
