import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { successBody } from "@minimax-files/testkit";

/** How one upstream request ended. */
export interface RecordedRequest {
  bytes: number;
  /** The whole body arrived (its end was read). */
  completed: boolean;
  /** The connection closed before the body's end. */
  aborted: boolean;
  ended: Promise<void>;
}

/**
 * An upstream that counts body bytes as they arrive and records whether each request completed
 * or was aborted mid-body; answers the success JSON after a complete body, never otherwise.
 */
export async function startRecordingUpstream() {
  const requests: RecordedRequest[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((request, response) => {
    let settle!: () => void;
    const record: RecordedRequest = { bytes: 0, completed: false, aborted: false, ended: new Promise((resolve) => (settle = resolve)) };
    requests.push(record);
    for (const wake of waiters.splice(0)) wake();
    request.on("data", (chunk: Buffer) => (record.bytes += chunk.length));
    request.on("end", () => {
      record.completed = true;
      settle();
      response.writeHead(200, { "Content-Type": "application/json", "Trace-Id": "recording-trace" }).end(successBody);
    });
    request.on("close", () => {
      if (!record.completed) record.aborted = true;
      settle();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Resolves with request `index` once it has arrived. */
    request(index: number): Promise<RecordedRequest> {
      return new Promise((resolve) => {
        const check = () => (requests[index] ? resolve(requests[index]!) : waiters.push(check));
        check();
      });
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
