/**
 * `pnpm demo`: runs the whole path with no API key and no network.
 * 1. starts the recording mock (@minimax-files/mock) as the upstream MiniMax: it parses each
 *    upload and answers as MiniMax does, with the filename and byte count it received;
 * 2. starts minimax-files-server in front of it, with a one-off caller token;
 * 3. writes a 12 s sample WAV;
 * 4. uploads it with the minimax-files CLI through the server and prints the file_id;
 * 5. stops everything it started.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EchoServer, makeWav, type NodeProcess, startEchoServer, startNodeProcess } from "@minimax-files/testkit";
import { binOf, runNodeProcess } from "./processes.js";

const step = (text: string) => console.log(`• ${text}`);
const upstreamKey = "demo-upstream-key";

async function demo(): Promise<number> {
  let upstream: EchoServer | undefined;
  let server: NodeProcess | undefined;
  const dir = await mkdtemp(join(tmpdir(), "minimax-files-demo-"));
  try {
    upstream = await startEchoServer();
    step(`recording mock of MiniMax (the upstream; it answers with what it received) on ${upstream.url}`);

    const callerToken = `demo-${randomBytes(12).toString("hex")}`;
    server = await startNodeProcess(
      binOf("@minimax-files/server", "minimax-files-server"),
      [],
      {
        MINIMAX_API_KEY: upstreamKey,
        MINIMAX_BASE_URL: upstream.url,
        MINIMAX_FILES_SERVER_TOKENS: callerToken,
        HOST: "127.0.0.1",
        PORT: "0",
      },
      /listening on (http:\/\/[^\s"]+)/,
    );
    const serverUrl = server.match[1]!;
    step(`minimax-files-server on ${serverUrl}, holding the upstream key`);

    const clipPath = join(dir, "demo-voice.wav");
    await writeFile(clipPath, makeWav({ seconds: 12 }));
    step(`sample clip: ${clipPath} (12 s mono WAV)`);

    step("minimax-files upload demo-voice.wav --purpose voice_clone (through the server)");
    const upload = await runNodeProcess(binOf("@minimax-files/cli", "minimax-files"), ["upload", clipPath, "--purpose", "voice_clone"], {
      MINIMAX_API_KEY: callerToken,
      MINIMAX_BASE_URL: serverUrl,
    });
    if (upload.code !== 0) {
      console.error(`upload failed (exit ${upload.code}): ${upload.stderr.trim()}`);
      return 1;
    }
    console.log(upload.stdout.trimEnd());
    const { file_id } = JSON.parse(upload.stdout) as { file_id: string };
    const received = upstream.uploads[0];
    const part = received?.files[0];
    const key = received?.headers.authorization === `Bearer ${upstreamKey}` ? "the server's key" : "an unexpected key";
    console.log(`\nfile_id: ${file_id}`);
    console.log(`the upstream received ${part?.filename} (${part?.bytes.length} bytes) with ${key}`);
    return 0;
  } finally {
    if (server) await server.stop();
    await upstream?.close();
    await rm(dir, { recursive: true, force: true });
    step("stopped the server and the mock");
  }
}

process.exitCode = await demo().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
