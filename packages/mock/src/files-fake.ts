import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import busboy from "busboy";

/** A file the fake holds. */
export interface FakeFile {
  /** The id, as its decimal digits (ids start above 2^53, as MiniMax's do). */
  fileId: string;
  purpose: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  /** Unix seconds. */
  createdAt: number;
}

/** The operations of the Files API (and the voice clone), as {@link FilesFake.failNext} names them. */
export type FakeOperation = "upload" | "list" | "retrieve" | "retrieve_content" | "delete" | "voice_clone";

/** A voice the fake cloned. */
export interface FakeVoice {
  voiceId: string;
  fileId: string;
  promptFileId: string | undefined;
  promptText: string | undefined;
  /** The request's other fields, as sent. */
  options: Record<string, unknown>;
}

/** A fault the fake answers one request with, instead of doing it. */
export type FakeFault =
  /** The connection is reset before any answer. */
  | { kind: "reset" }
  /** An HTTP status with a plain-text body (a 5xx from a proxy, say). */
  | { kind: "status"; status: number; body?: string }
  /** HTTP 200 with MiniMax's error shape: `base_resp` with this code. */
  | { kind: "code"; code: number; message?: string }
  /** HTTP 200 with an HTML page (a captive portal, a misrouted proxy). */
  | { kind: "html" }
  /** The answer declares its whole length, then the connection closes halfway through the body. */
  | { kind: "truncate" }
  /** The answer starts after `ms`, then trickles its body (content) in small pieces `ms` apart. */
  | { kind: "slow"; ms: number }
  /** A 200 answer that sends `bytes` of a larger body at once, then nothing more until the connection closes. */
  | { kind: "stall"; bytes: number }
  /** No answer at all until the connection closes. */
  | { kind: "hang" }
  /** The request is carried out (a file stored or deleted), then the connection closes before the answer: a lost answer. */
  | { kind: "drop-answer" };

/** One request as the fake received it. */
export interface FakeRequest {
  operation: FakeOperation | undefined;
  method: string;
  /** The path as requested (gateway `/minimax/v1/...` or direct `/v1/...`). */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** The raw body of a JSON request (`delete`), as sent. */
  jsonBody: string | undefined;
}

/** Options of {@link startFilesFake}. */
export interface FilesFakeOptions {
  /** The only key accepted (`Authorization: Bearer <key>`); any non-empty key when not set. */
  apiKey?: string | undefined;
  /** Answer CORS preflights and allow any origin, for calls from a browser page. Defaults to false. */
  cors?: boolean | undefined;
  /** Wait this long before answering each request, in ms (an upstream under load). Defaults to 0. */
  latencyMs?: number | undefined;
  /**
   * The first file id (then one more each time). Defaults to 2^53 plus a random offset: ids a
   * double cannot hold, as MiniMax's reference shows. Give a 15-digit one (as seen in the wild)
   * to test a client that reads ids as JS numbers.
   */
  firstFileId?: bigint | undefined;
}

/** A running fake of MiniMax's Files API. */
export interface FilesFake {
  url: string;
  /** The files it holds, by id. */
  files: Map<string, FakeFile>;
  /** The voices it cloned, by voice id. */
  voices: Map<string, FakeVoice>;
  /** Every request received so far, oldest first. */
  requests: FakeRequest[];
  /** Answers the next request to `operation` with `fault` (faults queue up, one per request). */
  failNext(operation: FakeOperation, fault: FakeFault): void;
  /** Stores a file as if it had been uploaded (for a test's starting state); returns it. */
  add(file: { purpose: string; filename: string; bytes: Uint8Array; contentType?: string }): FakeFile;
  close(): Promise<void>;
}

const operations: Record<string, FakeOperation> = {
  "/v1/files/upload": "upload",
  "/v1/files/list": "list",
  "/v1/files/retrieve": "retrieve",
  "/v1/files/retrieve_content": "retrieve_content",
  "/v1/files/delete": "delete",
  "/v1/voice_clone": "voice_clone",
};
const listPurposes = new Set(["voice_clone", "prompt_audio", "t2a_async_input"]);
const uploadPurposes = listPurposes;
const deletePurposes = new Set([...listPurposes, "t2a_async", "video_generation"]);
const corsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST",
  "Access-Control-Allow-Headers": "authorization, content-type, prefer",
  "Access-Control-Expose-Headers": "trace-id, content-length",
};

/**
 * Starts a stateful fake of MiniMax's Files API on 127.0.0.1 with a free port: uploads are stored
 * in memory with ids above 2^53 (written as JSON numbers with every digit, as MiniMax does), and
 * `list`, `retrieve`, `retrieve_content` and `delete` act on them. Errors are MiniMax-shaped (HTTP
 * 200 and `base_resp`: 1004 without a key, 2013 for a missing file, a wrong purpose or an id sent
 * as a JSON string), and any request can be made to fail (`failNext`). It serves both the gateway
 * paths (`/minimax/v1/files/...`) and MiniMax's direct ones (`/v1/files/...`).
 *
 * @example
 * ```ts
 * const fake = await startFilesFake();
 * const client = new MiniMaxFiles({ apiKey: "test", baseURL: fake.url });
 * const { file_id } = await client.upload({ file: "voice.wav" });
 * expect(await client.files.list({ purpose: "voice_clone" })).toHaveLength(1);
 * await fake.close();
 * ```
 */
export async function startFilesFake(options: FilesFakeOptions = {}): Promise<FilesFake> {
  const files = new Map<string, FakeFile>();
  const voices = new Map<string, FakeVoice>();
  const requests: FakeRequest[] = [];
  const faults = new Map<FakeOperation, FakeFault[]>();
  // Ids above 2^53, never reused: the first is 2^53 + a random offset, then one more each time.
  let nextId = options.firstFileId ?? 2n ** 53n + BigInt(`0x${randomBytes(3).toString("hex")}`);
  const newId = () => (nextId++).toString();
  const now = () => Math.floor(Date.now() / 1000);

  const add: FilesFake["add"] = (file) => {
    const stored: FakeFile = {
      fileId: newId(),
      purpose: file.purpose,
      filename: file.filename,
      contentType: file.contentType ?? "application/octet-stream",
      bytes: Buffer.from(file.bytes),
      createdAt: now(),
    };
    files.set(stored.fileId, stored);
    return stored;
  };

  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const extra = options.cors ? corsHeaders : {};
    if (options.cors && request.method === "OPTIONS") return void response.writeHead(204, extra).end();
    handle(request, response, extra).catch((error: unknown) => {
      if (!response.headersSent) minimaxError(response, extra, 1000, `fake failed: ${String(error)}`);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse, extra: Record<string, string>): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    const direct = url.pathname.replace(/^\/minimax(?=\/v1\/)/, "");
    if (request.method === "GET" && direct.startsWith("/preview/")) return preview(direct.slice("/preview/".length), response, extra);
    const operation = operations[direct];
    const isJson = operation === "delete" || operation === "voice_clone";
    const jsonBody = isJson ? await readText(request) : undefined;
    requests.push({
      operation,
      method: request.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      jsonBody,
    });
    if (!operation) return void response.writeHead(404, { "Content-Type": "text/plain", ...extra }).end("not found");
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const fault = faults.get(operation)?.shift();
    if (fault?.kind === "drop-answer") dropAnswer(request, response);
    else if (fault && (await applyFault(fault, request, response, extra))) return;

    const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
      request.resume();
      return minimaxError(response, extra, 1004, "authentication failed, please check your API key");
    }
    const fileId = url.searchParams.get("file_id") ?? "";
    switch (operation) {
      case "upload":
        return upload(request, response, extra);
      case "list": {
        const purpose = url.searchParams.get("purpose") ?? "";
        if (!listPurposes.has(purpose)) return minimaxError(response, extra, 2013, `invalid params: purpose ${JSON.stringify(purpose)}`);
        const listed = [...files.values()].filter((file) => file.purpose === purpose).map(fileJson);
        return sendJson(response, extra, `{"files":[${listed.join(",")}],${success}}`);
      }
      case "retrieve": {
        const file = files.get(fileId);
        if (!file) return minimaxError(response, extra, 2013, "invalid params: file not found");
        return sendJson(response, extra, `{"file":${fileJson(file)},${success}}`);
      }
      case "retrieve_content": {
        const file = files.get(fileId);
        // MiniMax's failure in place of the bytes: JSON, with HTTP 200.
        if (!file) return minimaxError(response, extra, 2013, "invalid params: file not found");
        response.writeHead(200, {
          "Content-Type": "application/octet-stream",
          "Content-Length": file.bytes.length,
          ...traceId(),
          ...extra,
        });
        return void response.end(file.bytes);
      }
      case "delete":
        return remove(jsonBody ?? "", response, extra);
      case "voice_clone":
        return clone(jsonBody ?? "", response, extra, `http://${request.headers.host}`);
    }
  }

  /** MiniMax's clone, on the files the fake holds: 2013 for a missing file or one of the wrong purpose, 2039 for a taken id. */
  function clone(body: string, response: ServerResponse, extra: Record<string, string>, origin: string): void {
    const outcome = cloneOutcome(body, origin);
    if ("code" in outcome) minimaxError(response, extra, outcome.code, outcome.message);
    else
      sendJson(
        response,
        extra,
        JSON.stringify({ input_sensitive: false, demo_audio: outcome.demo, base_resp: { status_code: 0, status_msg: "success" } }),
      );
  }

  function cloneOutcome(body: string, origin: string): { code: number; message: string } | { demo: string } {
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { code: 2013, message: "invalid params: the body is not JSON" };
    }
    // Ids are JSON numbers: read from the text, so no digit is lost.
    const fileId = jsonNumberField(body, "file_id");
    const promptFileId = jsonNumberField(body, "prompt_audio");
    const voiceId = fields["voice_id"];
    const prompt = fields["clone_prompt"] as { prompt_text?: unknown } | undefined;
    if (!fileId || files.get(fileId)?.purpose !== "voice_clone") return { code: 2013, message: "invalid params: file_id" };
    if (prompt && (!promptFileId || files.get(promptFileId)?.purpose !== "prompt_audio"))
      return { code: 2013, message: "invalid params: clone_prompt.prompt_audio" };
    if (typeof voiceId !== "string" || !/^[A-Za-z][A-Za-z0-9_-]{6,254}[A-Za-z0-9]$/.test(voiceId))
      return { code: 20132, message: "invalid samples or voice id" };
    if (voices.has(voiceId)) return { code: 2039, message: "voice id duplicate" };
    const { file_id: _file, voice_id: _voice, clone_prompt: _prompt, ...options } = fields;
    voices.set(voiceId, {
      voiceId,
      fileId,
      promptFileId: prompt ? promptFileId : undefined,
      promptText: typeof prompt?.prompt_text === "string" ? prompt.prompt_text : undefined,
      options,
    });
    return { demo: typeof fields["text"] === "string" ? `${origin}/preview/${voiceId}.mp3` : "" };
  }

  /** A preview's bytes (an MP3 frame header and silence), for a voice cloned with a text. */
  function preview(name: string, response: ServerResponse, extra: Record<string, string>): void {
    const voice = voices.get(name.replace(/\.mp3$/, ""));
    if (!voice || typeof voice.options["text"] !== "string") return void response.writeHead(404, extra).end();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
    response.writeHead(200, { "Content-Type": "audio/mpeg", "Content-Length": bytes.length, ...extra }).end(bytes);
  }

  async function upload(request: IncomingMessage, response: ServerResponse, extra: Record<string, string>): Promise<void> {
    const received = await readMultipart(request).catch(() => undefined);
    if (!received) return minimaxError(response, extra, 2013, "invalid params: the body is not multipart/form-data");
    const purpose = received.fields["purpose"] ?? "";
    if (!uploadPurposes.has(purpose)) return minimaxError(response, extra, 2013, `invalid params: purpose ${JSON.stringify(purpose)}`);
    if (!received.file) return minimaxError(response, extra, 2013, "invalid params: no file part");
    const stored = add({ purpose, ...received.file });
    return sendJson(response, extra, `{"file":${fileJson(stored)},${success}}`);
  }

  function remove(body: string, response: ServerResponse, extra: Record<string, string>): void {
    const refusal = deleteRefusal(body);
    if (refusal) minimaxError(response, extra, 2013, `invalid params: ${refusal}`);
    else sendJson(response, extra, `{"file_id":${deletedId(body)},${success}}`);
  }

  /** Why a delete is refused, or undefined after deleting the file. */
  function deleteRefusal(body: string): string | undefined {
    let purpose: unknown;
    try {
      purpose = (JSON.parse(body) as { purpose?: unknown }).purpose;
    } catch {
      return "the body is not JSON";
    }
    const id = deletedId(body);
    if (!id) return "file_id must be a number";
    if (typeof purpose !== "string" || !deletePurposes.has(purpose)) return "purpose";
    const file = files.get(id);
    if (!file || file.purpose !== purpose) return "file not found";
    files.delete(id);
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    voices,
    requests,
    add,
    failNext: (operation, fault) => faults.set(operation, [...(faults.get(operation) ?? []), fault]),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The id of a delete's body, when it is a JSON number: read from the text, so no digit is lost. */
const deletedId = (body: string) => jsonNumberField(body, "file_id");

/** The digits of a JSON number field, read from the text so that no digit is lost; undefined for a string or none. */
function jsonNumberField(body: string, name: string): string | undefined {
  return new RegExp(`"${name}"\\s*:\\s*(\\d+)\\s*[,}]`).exec(body)?.[1];
}

const success = `"base_resp":{"status_code":0,"status_msg":"success"}`;
const traceId = () => ({ "Trace-Id": `fake-${randomBytes(8).toString("hex")}` });

/** The file's JSON as MiniMax writes it: the id a JSON number with every digit. */
function fileJson(file: FakeFile): string {
  const rest = JSON.stringify({ bytes: file.bytes.length, created_at: file.createdAt, filename: file.filename, purpose: file.purpose });
  return `{"file_id":${file.fileId},${rest.slice(1)}`;
}

function sendJson(response: ServerResponse, extra: Record<string, string>, body: string): void {
  response.writeHead(200, { "Content-Type": "application/json", ...traceId(), ...extra }).end(body);
}

function minimaxError(response: ServerResponse, extra: Record<string, string>, code: number, message: string): void {
  sendJson(response, extra, JSON.stringify({ base_resp: { status_code: code, status_msg: message } }));
}

/** Lets the request be carried out, but closes the connection instead of sending its answer. */
function dropAnswer(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead = () => {
    request.socket.destroy();
    return response;
  };
  response.end = () => response;
}

/** Answers with `fault`; false when the fault lets the request go on (none do today). */
async function applyFault(
  fault: FakeFault,
  request: IncomingMessage,
  response: ServerResponse,
  extra: Record<string, string>,
): Promise<boolean> {
  request.resume();
  switch (fault.kind) {
    case "reset":
      request.socket.destroy();
      return true;
    case "hang":
      return true;
    case "status":
      response.writeHead(fault.status, { "Content-Type": "text/plain", ...extra }).end(fault.body ?? `HTTP ${fault.status}`);
      return true;
    case "code":
      minimaxError(response, extra, fault.code, fault.message ?? `fault ${fault.code}`);
      return true;
    case "html":
      response.writeHead(200, { "Content-Type": "text/html", ...extra }).end("<!doctype html><title>Sign in</title><p>Please sign in.");
      return true;
    case "truncate": {
      const body = Buffer.alloc(64 * 1024, 0x61);
      response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": body.length * 2, ...extra });
      response.write(body, () => response.socket?.destroy());
      return true;
    }
    case "drop-answer":
      return false;
    case "stall":
      response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": fault.bytes * 2, ...extra });
      response.write(Buffer.alloc(fault.bytes, 0x62));
      return true;
    case "slow": {
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": 3, ...extra });
      for (const byte of [0x61, 0x62]) {
        if (response.destroyed) return true;
        response.write(Buffer.of(byte));
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
      }
      response.end(Buffer.of(0x63));
      return true;
    }
  }
}

function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function readMultipart(
  request: IncomingMessage,
): Promise<{ fields: Record<string, string>; file: { filename: string; contentType: string; bytes: Buffer } | undefined }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { filename: string; contentType: string; bytes: Buffer } | undefined;
    const parser = busboy({ headers: request.headers, defParamCharset: "utf8" });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        file = { filename: info.filename, contentType: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on("error", reject);
    parser.on("close", () => resolve({ fields, file }));
    request.pipe(parser);
  });
}
