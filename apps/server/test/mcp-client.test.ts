/**
 * A client no one here wrote: MiniMax's official MCP server (`minimax-mcp-js` from the npm
 * registry), pointed at this server with `MINIMAX_API_HOST` and a caller token as its key, driven
 * by an MCP client (`@modelcontextprotocol/sdk`) over stdio, clones a voice with its own
 * `voice_clone` tool: the upload and the clone reach the stateful fake upstream through the
 * server, at MiniMax's direct paths, and the file is the caller's.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { MiniMaxFiles } from "@minimax-files/core";
import { type FilesFake, makeWav, startFilesFake } from "@minimax-files/testkit";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Caller, sha256Hex } from "../src/callers/callers.js";
import { startTestServer, upstreamKey } from "./helpers/test-server.js";

const require = createRequire(import.meta.url);
const mcpServer = join(dirname(require.resolve("minimax-mcp-js/package.json")), "build", "index.js");
const token = "mcp-caller-token-0001";
const caller: Caller = { name: "mcp", tokenSha256: sha256Hex(token), requestsPerMinute: 100, concurrentUploads: 4 };
let fake: FilesFake;
let running: Awaited<ReturnType<typeof startTestServer>>;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "mcp-client-"));
  // 15-digit ids, as seen in the wild: this client reads ids as JS numbers.
  fake = await startFilesFake({ apiKey: upstreamKey, firstFileId: 362854771301234n });
  running = await startTestServer(fake.url, { callers: [caller] });
});
afterAll(async () => {
  await running?.close();
  await fake?.close();
  await rm(folder, { recursive: true, force: true });
});

test("MiniMax's own MCP server clones a voice through this server with its voice_clone tool", async () => {
  const recording = join(folder, "recording.wav");
  await writeFile(recording, makeWav({ seconds: 12 }));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [mcpServer],
    env: {
      PATH: process.env["PATH"] ?? "",
      MINIMAX_API_KEY: token,
      MINIMAX_API_HOST: running.url,
      MINIMAX_MCP_BASE_PATH: folder,
      MINIMAX_RESOURCE_MODE: "url",
    },
    stderr: "pipe",
  });
  const client = new Client({ name: "minimax-files-test", version: "1.0.0" });
  await client.connect(transport);
  try {
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toContain("voice_clone");
    const result = (await client.callTool({ name: "voice_clone", arguments: { voiceId: "Mcp-voice-001", audioFile: recording } })) as {
      content: Array<{ type: string; text: string }>;
      isError?: boolean;
    };
    expect(result.content[0]?.text).toMatch(/Voice cloning successful: Mcp-voice-001/);
  } finally {
    await client.close();
  }
  const [uploaded] = [...fake.files.values()];
  expect(fake.voices.get("Mcp-voice-001")).toMatchObject({ fileId: uploaded!.fileId });
  expect(fake.requests.map((request) => [request.operation, request.authorization])).toEqual([
    ["upload", `Bearer ${upstreamKey}`],
    ["voice_clone", `Bearer ${upstreamKey}`],
  ]);
  // The upload is the caller's: its own list shows it.
  const mine = await new MiniMaxFiles({ apiKey: token, baseURL: running.url }).files.list({ purpose: "voice_clone" });
  expect(mine.map((file) => file.file_id)).toEqual([uploaded!.fileId]);
});
