import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";

/** One file part as the recording mock received it. */
export interface RecordedFilePart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** One multipart request as the recording mock received it. */
export interface RecordedUpload {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  fields: Record<string, string>;
  files: RecordedFilePart[];
}

/** What the recording mock answers; by default the success JSON. */
export interface RecordedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as is when a string, else as JSON. */
  body: unknown;
}

/** Options of {@link startRecordingMock}. */
export interface RecordingMockOptions {
  /** Builds the reply from what was received. Defaults to {@link successReply}. */
  reply?: (upload: RecordedUpload) => RecordedReply;
  /** Answer CORS preflights and allow any origin, for uploads from a browser page. Defaults to false. */
  cors?: boolean;
}

const corsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST",
  "Access-Control-Allow-Headers": "authorization, content-type, prefer",
  "Access-Control-Expose-Headers": "trace-id",
};

/** A running recording mock. */
export interface RecordingMock {
  url: string;
  /** Every upload received so far, oldest first. */
  uploads: RecordedUpload[];
  close(): Promise<void>;
}

/** The success body MiniMax sends, built from what was received. */
export function successReply(upload: RecordedUpload, fileId: number | string = 362854771301234): RecordedReply {
  const file = upload.files[0];
  return {
    headers: { "Trace-Id": "echo-trace-id" },
    body: {
      file: {
        file_id: fileId,
        bytes: file?.bytes.length ?? 0,
        created_at: 1700469398,
        filename: file?.filename ?? "",
        purpose: upload.fields["purpose"] ?? "",
      },
      base_resp: { status_code: 0, status_msg: "success" },
    },
  };
}

/**
 * Starts an HTTP server on 127.0.0.1 that parses multipart uploads (with busboy), records every
 * part's name, filename, content type and bytes, and answers like MiniMax. Prism cannot see what a
 * file part holds; this server can.
 */
export async function startRecordingMock(options: RecordingMockOptions = {}): Promise<RecordingMock> {
  const uploads: RecordedUpload[] = [];
  const reply = options.reply ?? ((upload) => successReply(upload));
  const extraHeaders = options.cors ? corsHeaders : {};
  const server = createServer((request, response) => {
    if (options.cors && request.method === "OPTIONS") {
      response.writeHead(204, extraHeaders).end();
      return;
    }
    receive(request)
      .then((upload) => {
        uploads.push(upload);
        send(response, reply(upload), extraHeaders);
      })
      .catch((error: unknown) => send(response, { status: 400, body: { error: String(error) } }, extraHeaders));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uploads,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function receive(request: IncomingMessage): Promise<RecordedUpload> {
  return new Promise((resolve, reject) => {
    const upload: RecordedUpload = {
      method: request.method ?? "",
      path: request.url ?? "",
      headers: request.headers,
      fields: {},
      files: [],
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, defParamCharset: "utf8" });
    } catch (error) {
      reject(error);
      request.resume();
      return;
    }
    parser.on("field", (name, value) => (upload.fields[name] = value));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () =>
        upload.files.push({ field, filename: info.filename, contentType: info.mimeType, bytes: Buffer.concat(chunks) }),
      );
    });
    parser.on("error", reject);
    parser.on("close", () => resolve(upload));
    request.pipe(parser);
  });
}

function send(response: ServerResponse, reply: RecordedReply, extraHeaders: Record<string, string>): void {
  const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  response.writeHead(reply.status ?? 200, {
    "Content-Type": typeof reply.body === "string" ? "text/plain" : "application/json",
    ...extraHeaders,
    ...reply.headers,
  });
  response.end(body);
}
