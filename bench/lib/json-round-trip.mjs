import { request } from "node:http";
import { MiniMaxFiles } from "@minimax-files/core";
import { summarize } from "./stats.mjs";

const apiKey = "bench-key-0000";

/** The yardstick: one GET with node:http (the global keep-alive agent), its body read and parsed as JSON. */
function bareGet(url) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { Authorization: `Bearer ${apiKey}` } }, (incoming) => {
      const chunks = [];
      incoming.on("data", (chunk) => chunks.push(chunk));
      incoming.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (error) {
          reject(error);
        }
      });
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/**
 * Round trip of `files.list` and `files.retrieve` through the core client against a bare
 * node:http GET of the same URL (its JSON parsed), `count` of each in sequence, interleaved in
 * rounds of 10, against a sink answering MiniMax's JSON for each path.
 */
export async function measureJsonRoundTrip(sinkUrl, count) {
  const client = new MiniMaxFiles({ apiKey, baseURL: sinkUrl, maxRetries: 0 });
  const operations = {
    list: {
      core: () => client.files.list({ purpose: "voice_clone" }),
      bare: () => bareGet(`${sinkUrl}/minimax/v1/files/list?purpose=voice_clone`),
    },
    retrieve: {
      core: () => client.files.retrieve("1"),
      bare: () => bareGet(`${sinkUrl}/minimax/v1/files/retrieve?file_id=1`),
    },
  };
  const results = [];
  for (const [operation, tools] of Object.entries(operations)) {
    const times = { core: [], bare: [] };
    for (const tool of Object.keys(times)) for (let i = 0; i < 20; i++) await tools[tool](); // warm-up
    for (let done = 0; done < count; done += 10) {
      for (const tool of Object.keys(times)) {
        for (let i = 0; i < 10; i++) {
          const start = performance.now();
          await tools[tool]();
          times[tool].push(performance.now() - start);
        }
      }
    }
    const core = summarize(times.core);
    const bare = summarize(times.bare);
    results.push({ operation, coreMs: core, bareNodeHttpMs: bare, ratio: core.median / bare.median });
  }
  return results;
}
