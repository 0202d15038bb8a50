import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the fault server does with one request. */
export type Fault =
  /** Reads the whole body, then answers. */
  | { kind: "reply"; status?: number; headers?: Record<string, string>; body: string }
  /** Reads `afterBytes` of the body, then resets the connection (TCP RST). */
  | { kind: "reset"; afterBytes: number }
  /** Reads the whole body and never answers. */
  | { kind: "hang" }
  /** Reads the body, declares a longer `Content-Length` than it sends, and closes mid-body. */
  | { kind: "truncate"; body: string; declaredLength: number; status?: number }
  /**
   * Answers as soon as the request's headers arrive, without reading the body (as a proxy
   * refusing a large upload does), then closes the connection: with `reset`, at once (a TCP RST,
   * which can make the client's kernel drop the answer); otherwise as nginx does, with a FIN and
   * half a second of reading and discarding before the close.
   */
  | { kind: "early"; status: number; body: string; reset?: boolean }
  /** Reads the body, then streams `bytes` of answer, stopping when the client goes away. */
  | { kind: "huge"; bytes: number };

/** The success body, with a numeric id. */
export const successBody =
  '{"file":{"file_id":42,"bytes":1,"created_at":1700469398,"filename":"a.wav","purpose":"voice_clone"},' +
  '"base_resp":{"status_code":0,"status_msg":"success"}}';

/** A running fault server. */
export interface FaultServer {
  url: string;
  /** Body bytes received by each request, in order (up to where it stopped reading). */
  received: number[];
  /** Answer bytes written for `huge` faults before the client went away. */
  hugeBytesWritten: number;
  /** Resolves once every connection opened so far has closed. */
  allConnectionsClosed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 that treats request N with `script[N]` (the last fault
 * repeats), to drive a client through upstream failures. It only listens on loopback, sends
 * bounded answers, and `close()` ends every connection.
 */
export async function startFaultServer(script: readonly Fault[]): Promise<FaultServer> {
  if (script.length === 0) throw new Error("a fault script needs at least one fault");
  const sockets = new Set<Socket>();
  const closed: Array<Promise<void>> = [];
  const state: FaultServer = {
    url: "",
    received: [],
    hugeBytesWritten: 0,
    allConnectionsClosed: () => Promise.all(closed).then(() => undefined),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    const index = state.received.length;
    state.received.push(0);
    const fault = script[Math.min(index, script.length - 1)]!;
    if (fault.kind === "early") {
      response.writeHead(fault.status, { "Content-Type": "application/json", Connection: "close" });
      const socket = request.socket;
      if (fault.reset) {
        response.end(fault.body, () => socket.resetAndDestroy());
        return;
      }
      // As nginx's lingering close: answer, FIN, then read and discard for a while before closing.
      socket.destroySoon = () => {
        socket.end();
        request.on("data", (chunk: Buffer) => (state.received[index]! += chunk.length));
        request.resume();
        setTimeout(() => socket.destroy(), 500).unref();
      };
      response.end(fault.body);
      return;
    }
    request.on("data", (chunk: Buffer) => {
      state.received[index]! += chunk.length;
      if (fault.kind === "reset" && state.received[index]! >= fault.afterBytes) request.socket.resetAndDestroy();
    });
    request.on("end", () => answer(fault, response, state));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    closed.push(
      new Promise((resolve) =>
        socket.once("close", () => {
          sockets.delete(socket);
          resolve();
        }),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function answer(fault: Fault, response: ServerResponse<IncomingMessage>, state: FaultServer): void {
  switch (fault.kind) {
    case "reply":
      response.writeHead(fault.status ?? 200, { "Content-Type": "application/json", ...fault.headers }).end(fault.body);
      return;
    case "hang":
    case "reset":
    case "early":
      return;
    case "truncate":
      response.writeHead(fault.status ?? 200, { "Content-Type": "application/json", "Content-Length": String(fault.declaredLength) });
      response.write(fault.body, () => response.socket?.destroy());
      return;
    case "huge": {
      response.writeHead(200, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (state.hugeBytesWritten < fault.bytes && !response.destroyed) {
          state.hugeBytesWritten += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      response.write("{");
      pump();
    }
  }
}
