import { fileURLToPath } from "node:url";
import { MiniMaxFiles } from "@minimax-files/core";
import { startNodeProcess } from "@minimax-files/testkit";
import { summarize } from "./stats.mjs";

const serverMain = fileURLToPath(new URL("../../apps/server/dist/main.js", import.meta.url));

/**
 * Upload time client → server → sink against client → sink, per WAV file, interleaved. The
 * files are real audio: the server runs core's pre-flight checks for its callers, and so does
 * the client here, on both paths.
 */
export async function measureServerHop(sinkUrl, wavFiles, runs) {
  const server = await startNodeProcess(
    serverMain,
    [],
    { MINIMAX_API_KEY: "bench-upstream-key", MINIMAX_BASE_URL: sinkUrl, MINIMAX_FILES_SERVER_TOKENS: "bench-caller-token", PORT: "0", HOST: "127.0.0.1" },
    /listening on (http:\/\/\S+)/,
  );
  try {
    const serverUrl = server.match[1];
    const direct = new MiniMaxFiles({ apiKey: "bench-upstream-key", baseURL: sinkUrl, maxRetries: 0 });
    const viaServer = new MiniMaxFiles({ apiKey: "bench-caller-token", baseURL: serverUrl, maxRetries: 0 });
    const time = async (client, file) => {
      const start = performance.now();
      await client.upload({ file });
      return performance.now() - start;
    };
    const results = [];
    for (const { bytes, path } of wavFiles) {
      const times = { direct: [], viaServer: [] };
      await time(direct, path);
      await time(viaServer, path);
      for (let i = 0; i < runs; i++) {
        times.direct.push(await time(direct, path));
        times.viaServer.push(await time(viaServer, path));
      }
      const d = summarize(times.direct);
      const s = summarize(times.viaServer);
      results.push({ bytes, directMs: d, viaServerMs: s, ratio: s.median / d.median });
    }
    return results;
  } finally {
    await server.stop();
  }
}
