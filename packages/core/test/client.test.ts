import { inspect } from "node:util";
import { findFreePort, makeWav } from "@minimax-files/testkit";
import { afterEach, describe, expect, test, vi } from "vitest";
import { MiniMaxFiles } from "../src/client.js";
import { ConnectionError, HTTPError, InvalidInputError, MiniMaxFilesError, UploadAbortedError } from "../src/errors.js";
import { canaryKey } from "./canary.js";
import { thrownBy } from "./helpers.js";

const apiKey = canaryKey("client");
const clip = makeWav({ seconds: 12 });
const success = '{"file":{"file_id":42,"filename":"a.wav"},"base_resp":{"status_code":0,"status_msg":"success"}}';

/** A fetch that records the real Request it is given and answers `body`. */
function recordingFetch(body = success, init: ResponseInit = { status: 200 }) {
  const requests: Request[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, requestInit?: RequestInit) => {
    requests.push(new Request(input, requestInit));
    return new Response(body, init);
  });
  return { fetch: fetchImpl as unknown as typeof fetch, requests, calls: fetchImpl };
}

afterEach(() => vi.unstubAllEnvs());

describe("configuration", () => {
  test("a missing API key is refused before anything is sent, naming the option and the env var", () => {
    vi.stubEnv("MINIMAX_API_KEY", "");
    const error = thrownBy(() => new MiniMaxFiles({ baseURL: "http://127.0.0.1:1" }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: "apiKey" });
    expect((error as Error).message).toContain("MINIMAX_API_KEY");
  });

  test("a malformed base URL or region is refused", () => {
    expect(thrownBy(() => new MiniMaxFiles({ apiKey, region: "eu" as never }))).toMatchObject({ field: "region" });
    expect(thrownBy(() => new MiniMaxFiles({ apiKey, region: "cn", baseURL: "https://a.test" }))).toMatchObject({ field: "region" });
    expect(thrownBy(() => new MiniMaxFiles({ apiKey, baseURL: "not a url" }))).toMatchObject({ field: "baseURL" });
    expect(thrownBy(() => new MiniMaxFiles({ apiKey, baseURL: "ftp://host" }))).toMatchObject({ field: "baseURL" });
  });

  test("the key and base URL come from the environment when not given", async () => {
    vi.stubEnv("MINIMAX_API_KEY", apiKey);
    vi.stubEnv("MINIMAX_BASE_URL", "http://gateway.test/");
    const { fetch, requests } = recordingFetch();
    await new MiniMaxFiles({ fetch }).upload({ file: clip });
    expect(requests[0]?.url).toBe("http://gateway.test/minimax/v1/files/upload");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
  });
});

describe("upload request", () => {
  test("sends purpose and file as multipart/form-data with the bearer key", async () => {
    const { fetch, requests } = recordingFetch();
    const client = new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test", fetch });
    const file = await client.upload(
      { file: new Uint8Array([1, 2, 3]), purpose: "prompt_audio", filename: "clip.mp3" },
      { preflight: false },
    );
    expect(file.file_id).toBe("42");
    const request = requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect(form.get("purpose")).toBe("prompt_audio");
    const part = form.get("file") as File;
    expect(part.name).toBe("clip.mp3");
    expect(part.type).toBe("audio/mpeg");
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  test("purpose defaults to voice_clone", async () => {
    const { fetch, requests } = recordingFetch();
    await new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test", fetch }).upload({ file: clip });
    expect((await requests[0]!.formData()).get("purpose")).toBe("voice_clone");
  });

  test("per-request headers are sent, and cannot replace the bearer key", async () => {
    const { fetch, requests } = recordingFetch();
    const client = new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test", fetch, defaultHeaders: { "X-App": "a" } });
    await client.upload({ file: clip }, { headers: { Prefer: "example=success", Authorization: "Bearer other" } });
    expect(requests[0]!.headers.get("prefer")).toBe("example=success");
    expect(requests[0]!.headers.get("x-app")).toBe("a");
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
  });
});

describe("bad input is refused before anything is sent", () => {
  test.each([
    ["an unknown purpose", { file: clip, purpose: "music" }, "purpose", /voice_clone or prompt_audio/],
    ["no file", { file: undefined }, "file", /no file/],
    ["a number as file", { file: 42 }, "file", /got 42/],
    ["a path that does not exist", { file: "/no/such/file.wav" }, "file", /ENOENT/],
    ["a directory", { file: "/tmp" }, "file", /not a regular file/],
    ["an http URL", { file: new URL("https://example.com/a.wav") }, "file", /not a local file/],
    ["a negative timeout", { file: clip, options: { timeout: -1 } }, "timeout", /got -1/],
    ["a zero timeout", { file: clip, options: { timeout: 0 } }, "timeout", /got 0; expected a number of milliseconds from 1 to 2147483647/],
    ["a negative maxRetries", { file: clip, options: { maxRetries: -2 } }, "maxRetries", /got -2/],
  ])("%s", async (_, { options, ...params }: { options?: object; file?: unknown; purpose?: string }, field, message) => {
    const { fetch, calls } = recordingFetch();
    const client = new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test", fetch });
    const error = await client.upload(params as never, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(message);
    expect(calls).not.toHaveBeenCalled();
  });
});

describe("transport failures", () => {
  test("a redirect is not followed: the upload fails saying so", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((request, response) => {
      request.resume();
      request.on("end", () => response.writeHead(307, { Location: "http://127.0.0.1:9/elsewhere" }).end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as import("node:net").AddressInfo;
      const error = await new MiniMaxFiles({ apiKey, baseURL: `http://127.0.0.1:${port}` }).upload({ file: clip }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HTTPError);
      expect(error).toMatchObject({ httpStatus: 307, retryable: false, attempts: 1 }); // a redirect will not change on a retry
      expect((error as Error).message).toMatch(/redirect to http:\/\/127\.0\.0\.1:9\/elsewhere.*point baseURL at the final host/);
      // With undici as the caller's fetch, the redirect is refused the same way, as a ConnectionError.
      const viaFetch = await new MiniMaxFiles({ apiKey, baseURL: `http://127.0.0.1:${port}`, fetch })
        .upload({ file: clip })
        .catch((e: unknown) => e);
      expect(viaFetch).toBeInstanceOf(ConnectionError);
      expect(viaFetch).toMatchObject({ retryable: false, attempts: 1 });
      expect((viaFetch as Error).message).toMatch(/redirect.*point baseURL at the final host/);
    } finally {
      server.close();
    }
  });

  test("a refused connection becomes a ConnectionError naming the URL", async () => {
    const port = await findFreePort(); // nothing listens there
    const client = new MiniMaxFiles({ apiKey, baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const error = await client.upload({ file: clip }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  test("an already aborted signal rejects with UploadAbortedError and sends nothing", async () => {
    const { fetch, calls } = recordingFetch();
    const client = new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test", fetch });
    const error = await client.upload({ file: clip }, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadAbortedError);
    expect(calls).not.toHaveBeenCalled();
  });

  test("aborting while the request is in flight rejects with UploadAbortedError", async () => {
    const controller = new AbortController();
    const hangingFetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_, reject) => {
        const signal = init?.signal ?? (_input as Request).signal;
        signal?.addEventListener("abort", () => reject(signal.reason));
        controller.abort();
      })) as typeof fetch;
    const client = new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test", fetch: hangingFetch });
    const error = await client.upload({ file: clip }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadAbortedError);
    expect((error as Error).message).toMatch(/aborted/);
  });
});

describe("the API key never leaks into an error", () => {
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["an API error", () => failWith('{"base_resp":{"status_code":2049,"status_msg":"invalid api key"}}')],
    ["an HTTP error", () => failWith("<html>502</html>", { status: 502 })],
    ["an invalid response", () => failWith("not json")],
    [
      "a connection error",
      async () => {
        const port = await findFreePort();
        return new MiniMaxFiles({ apiKey, baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 }).upload({ file: clip });
      },
    ],
    ["a bad purpose", () => new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test" }).upload({ file: clip, purpose: apiKey as never })],
    [
      "a refused audio file",
      () => new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test" }).upload({ file: new TextEncoder().encode(apiKey) }),
    ],
  ];

  test.each(cases)("%s", async (_, run) => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MiniMaxFilesError);
    const err = error as Error;
    const forms = [err.message, String(err), JSON.stringify(err), inspect(err, { depth: 10 }), JSON.stringify(Object.entries(err))];
    for (const form of forms) expect(form).not.toContain(apiKey);
  });

  function failWith(body: string, init: ResponseInit = { status: 200 }) {
    return new MiniMaxFiles({ apiKey, baseURL: "http://gateway.test", fetch: recordingFetch(body, init).fetch, maxRetries: 0 }).upload({
      file: clip,
    });
  }
});
