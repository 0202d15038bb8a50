/**
 * A refused caller costs the server little, whatever it does with the answer: measured with the
 * server process's own read counter (`/proc/<pid>/io`, rchar), a caller with a wrong token or an
 * oversized body pushing 200 MB has at most about 1 MiB of it read, whether it reads the answer
 * and stops, or never reads its answer and keeps writing.
 */
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { type NodeProcess, startNodeProcess } from "@minimax-files/testkit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const bin = fileURLToPath(new URL("../bin/minimax-files-server.js", import.meta.url));
const token = "refused-cost-good-token";
const MiB = 1024 * 1024;
let server: NodeProcess;
let port: number;

beforeAll(async () => {
  server = await startNodeProcess(
    bin,
    [],
    {
      MINIMAX_API_KEY: "sk-upstream-refused-cost-0001",
      MINIMAX_FILES_SERVER_TOKENS: token,
      HOST: "127.0.0.1",
      PORT: "0",
      MINIMAX_BASE_URL: "http://127.0.0.1:9",
    },
    /listening on (http:\/\/[^\s"]+)/,
  );
  port = Number(new URL(server.match[1]!).port);
});
afterAll(() => server?.stop());

/** Bytes the server process has read so far, sockets included. */
const serverRead = () => Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${server.child.pid}/io`, "utf8"))![1]);

/** Pushes up to 200 MB after `head` as fast as the server lets it; with `readsAnswer`, stops at the first byte of the answer. */
async function push(head: string, readsAnswer: boolean): Promise<{ sent: number; read: number; answer: string }> {
  const before = serverRead();
  const socket = connect(port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.on("error", () => {});
  let answer = "";
  if (readsAnswer)
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString();
      socket.destroy();
    });
  socket.write(head);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  while (sent < 200 * MiB && !socket.destroyed) {
    const flowing = socket.write(chunk);
    sent += chunk.length;
    if (!flowing) await new Promise((resolve) => socket.once("drain", resolve).once("close", resolve));
  }
  socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { sent, read: serverRead() - before, answer };
}

const request = (auth: string, length: number) =>
  `POST /minimax/v1/files/upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${auth}\r\n` +
  `Content-Type: multipart/form-data; boundary=b\r\nContent-Length: ${length}\r\n\r\n`;

describe.each([
  ["a wrong token", request("not-a-caller-token", 200 * MiB), /^HTTP\/1\.1 401/],
  ["a body over the limit (413)", request(token, 200 * MiB), /^HTTP\/1\.1 413/],
])("%s pushing 200 MB", (_, head, status) => {
  test("a caller that reads the answer: the server reads at most about 1 MiB", async () => {
    const { read, answer } = await push(head, true);
    expect(answer).toMatch(status);
    expect(read).toBeLessThan(1.25 * MiB);
  });

  test("a caller that never reads its answer and keeps writing: still at most about 1 MiB", async () => {
    const { read, sent } = await push(head, false);
    expect(sent).toBeLessThan(200 * MiB); // it was stopped: the server closed the connection
    expect(read).toBeLessThan(1.25 * MiB);
  });
});
