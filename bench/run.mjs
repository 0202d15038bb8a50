#!/usr/bin/env node
/**
 * pnpm bench [--quick]: the core client's upload path measured side by side, in one run, with
 * what a user would otherwise use (curl -F, plain fetch), printed as a markdown table of
 * medians and ratios, and saved as JSON in bench/results/latest.json (or quick.json).
 */
import { writeFile } from "node:fs/promises";
import { arch, cpus, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeWav, startNodeProcess } from "@minimax-files/testkit";
import { cliCommands, cliCommandsThroughProgram, measureColdStart, measureCommandColdStarts } from "./lib/cold-start.mjs";
import { countCollections } from "./lib/collections.mjs";
import { measureDownloadThroughput } from "./lib/download-throughput.mjs";
import { makeFiles } from "./lib/files.mjs";
import { measureJsonRoundTrip } from "./lib/json-round-trip.mjs";
import { keptHeapEnv } from "./lib/kept-heap.mjs";
import { measureDownloadRss, measurePeakRss } from "./lib/memory.mjs";
import { run } from "./lib/processes.mjs";
import { measureServerConcurrency, measureServerDownloads } from "./lib/server-concurrency.mjs";
import { measureServerHop } from "./lib/server-hop.mjs";
import { measureSustainedServerHop } from "./lib/server-sustained.mjs";
import { fmt, MB, pct } from "./lib/stats.mjs";
import { measureOverhead, measureThroughput } from "./lib/throughput.mjs";
import { uploaders } from "./lib/uploaders.mjs";

const quick = process.argv.includes("--quick");
const plan = quick
  ? {
      throughput: [{ bytes: 1 * MB }, { bytes: 20 * MB }],
      runs: 3,
      rss: [20 * MB, 200 * MB],
      rssRuns: 1,
      overhead: 20,
      overheadRawSink: 20,
      overheadCheckedWav: 20,
      jsonRoundTrips: 50,
      downloads: [20 * MB],
      downloadThroughputRuns: 2,
      coldStart: 5,
      hopRuns: 3,
      sustainedUploads: 100,
      concurrentUploads: 64,
      downloadRuns: 1,
    }
  : {
      throughput: [
        { bytes: 1 * MB, runs: 9 },
        { bytes: 20 * MB, runs: 7 },
        { bytes: 200 * MB, runs: 5 },
      ],
      runs: 5,
      rss: [20 * MB, 200 * MB, 1024 * MB],
      rssRuns: 3,
      overhead: 200,
      overheadRawSink: 1000,
      overheadCheckedWav: 300,
      jsonRoundTrips: 2000,
      downloads: [20 * MB, 200 * MB],
      downloadThroughputRuns: 5,
      coldStart: 20,
      hopRuns: 40,
      sustainedUploads: 1500,
      concurrentUploads: 64,
      downloadRuns: 3,
    };
const started = performance.now();
const say = (text) => process.stderr.write(`${text}\n`);
const label = (bytes) =>
  bytes >= 1024 * MB
    ? `${+(bytes / 1024 / MB).toFixed(1)} GB`
    : bytes >= MB
      ? `${+(bytes / MB).toFixed(1)} MB`
      : `${+(bytes / 1024).toFixed(1)} KB`;

/** V8's first old-generation limit, set high enough that receiving a 200 MB download starts no mark-compact. */
const roomyHeapFlag = "--initial-old-space-size=128";
const downloadSizes = quick ? [1 * MB, 200 * MB] : [1 * MB, 200 * MB, 1024 * MB];
const sizes = [...new Set([...plan.throughput.map((s) => s.bytes), ...plan.rss, ...downloadSizes, ...plan.downloads, 100 * 1024])];
const { paths, cleanup } = await makeFiles(sizes);
const wavDir = join(paths[100 * 1024], "..");
const wavFiles = [
  { bytes: 0, path: join(wavDir, "voice-1mb.wav"), wav: makeWav({ seconds: 32, sampleRate: 16_000 }) },
  { bytes: 0, path: join(wavDir, "voice-20mb.wav"), wav: makeWav({ seconds: 106, sampleRate: 48_000, channels: 2 }) },
];
for (const file of wavFiles) {
  await writeFile(file.path, file.wav);
  file.bytes = file.wav.length;
  delete file.wav;
}
const sink = await startNodeProcess(
  fileURLToPath(new URL("./sink-process.mjs", import.meta.url)),
  [],
  keptHeapEnv,
  /listening on (http:\/\/\S+)/,
);
const sinkUrl = sink.match[1];
const rawSink = await startNodeProcess(
  fileURLToPath(new URL("./raw-sink-process.mjs", import.meta.url)),
  [],
  keptHeapEnv,
  /listening on (http:\/\/\S+)/,
);
const rawSinkUrl = rawSink.match[1];

const results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    platform: platform(),
    release: release(),
    arch: arch(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryBytes: totalmem(),
  },
  node: process.version,
};
try {
  say("throughput …");
  results.throughput = await measureThroughput(uploaders(sinkUrl), paths, plan.throughput, plan.runs, sink.child.pid);
  say("throughput, raw net sink …");
  results.throughputRawSink = await measureThroughput(uploaders(rawSinkUrl), paths, plan.throughput, plan.runs, rawSink.child.pid);
  say("per-request overhead …");
  results.overhead = await measureOverhead(uploaders(sinkUrl), paths[100 * 1024], plan.overhead, sink.child.pid);
  say("per-request overhead, raw net sink …");
  results.overheadRawSink = await measureOverhead(uploaders(rawSinkUrl), paths[100 * 1024], plan.overheadRawSink, rawSink.child.pid, [
    "core",
    "fetch",
    "nodeHttp",
  ]);
  say("per-request overhead of a 1 MB WAV, checks on, raw net sink …");
  results.overheadCheckedWav = await measureOverhead(uploaders(rawSinkUrl), wavFiles[0].path, plan.overheadCheckedWav, rawSink.child.pid, [
    "coreChecked",
    "core",
    "nodeHttp",
  ]);
  say("list and retrieve round trips …");
  results.jsonRoundTrip = await measureJsonRoundTrip(rawSinkUrl, plan.jsonRoundTrips);
  say("peak RSS …");
  results.peakRss = await measurePeakRss(sinkUrl, paths, plan.rss, plan.rssRuns);
  say("CLI cold start …");
  results.coldStart = await measureColdStart(plan.coldStart);
  // Interleaved in the same rounds: each command's --help, then the same help through the program.
  const commandStarts = await measureCommandColdStarts(plan.coldStart, [...cliCommands, ...cliCommandsThroughProgram]);
  results.coldStartByCommand = commandStarts.slice(0, cliCommands.length);
  results.coldStartByCommandThroughProgram = commandStarts.slice(cliCommands.length);
  say("client → server → sink …");
  results.serverHop = await measureServerHop(sinkUrl, wavFiles, plan.hopRuns);
  say(`client → server → sink, ${plan.sustainedUploads} uploads in a row …`);
  results.serverHopSustained = await measureSustainedServerHop(sinkUrl, wavFiles[0], plan.sustainedUploads);
  say(`${plan.concurrentUploads} concurrent uploads through the server …`);
  results.serverConcurrency = await measureServerConcurrency(sinkUrl, wavFiles[1], plan.concurrentUploads);
  say("peak RSS of downloads …");
  const content = await startNodeProcess(
    fileURLToPath(new URL("./content-process.mjs", import.meta.url)),
    downloadSizes.map((bytes) => paths[bytes]),
    {},
    /listening on (http:\/\/\S+)/,
  );
  try {
    results.downloadRss = await measureDownloadRss(content.match[1], downloadSizes, wavDir, plan.downloadRuns);
  } finally {
    await content.stop();
  }
  say("download throughput to a path …");
  const contentForSpeed = await startNodeProcess(
    fileURLToPath(new URL("./content-process.mjs", import.meta.url)),
    plan.downloads.map((bytes) => paths[bytes]),
    keptHeapEnv,
    /listening on (http:\/\/\S+)/,
  );
  try {
    const stopCounting = countCollections();
    results.downloadThroughput = await measureDownloadThroughput(
      contentForSpeed.match[1],
      plan.downloads,
      wavDir,
      plan.downloadThroughputRuns,
      contentForSpeed.child.pid,
    );
    const benchProcess = stopCounting();
    /** The same measurement in a process of its own, started with `nodeFlags`. */
    const inOwnProcess = async (nodeFlags) => {
      const { stdout } = await run(process.execPath, [
        ...nodeFlags,
        fileURLToPath(new URL("./download-speed-process.mjs", import.meta.url)),
        contentForSpeed.match[1],
        String(contentForSpeed.child.pid),
        wavDir,
        String(plan.downloadThroughputRuns),
        ...plan.downloads.map(String),
      ]);
      return JSON.parse(stdout);
    };
    say("download throughput to a path, in a process of its own …");
    const ownProcess = await inOwnProcess([]);
    say(`download throughput to a path, in a process of its own started with ${roomyHeapFlag} …`);
    const roomyHeap = await inOwnProcess([roomyHeapFlag]);
    results.downloadThroughputOwnProcess = ownProcess.rows;
    results.downloadThroughputRoomyHeap = roomyHeap.rows;
    results.downloadCollections = { benchProcess, ownProcess: ownProcess.collections, roomyHeap: roomyHeap.collections };
  } finally {
    await contentForSpeed.stop();
  }
  say(`${plan.concurrentUploads} concurrent 20 MB downloads through the server …`);
  const content20 = await startNodeProcess(
    fileURLToPath(new URL("./content-process.mjs", import.meta.url)),
    [paths[20 * MB]],
    {},
    /listening on (http:\/\/\S+)/,
  );
  try {
    results.serverDownloads = await measureServerDownloads(content20.match[1], 20 * MB, plan.concurrentUploads);
  } finally {
    await content20.stop();
  }
} finally {
  await Promise.all([sink.stop(), rawSink.stop()]);
  await cleanup();
}
results.seconds = (performance.now() - started) / 1000;

const lines = [];
lines.push(
  `## Benchmarks (${quick ? "quick" : "full"}; Node ${results.node}; ${results.machine.cpus} × ${results.machine.cpuModel}; ` +
    `${results.date.slice(0, 10)})`,
  "",
);
lines.push("### Upload throughput to a local sink (median; ratio = curl's time ÷ this tool's time, higher is faster)", "");
lines.push(
  "nodeHttp: a bare node:http upload (FileHandle into two 1 MiB buffers kept between uploads, backpressure) as the yardstick; " +
    "coreProgress: core with an onProgress listener.",
  "",
);
const throughputTable = (rows) => {
  lines.push(
    "| file | tool | median ms (spread) | MB/s | × curl | CPU ms per 100 MB | sink CPU ms per 100 MB |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const r of rows)
    lines.push(
      `| ${label(r.bytes)} | ${r.tool} | ${fmt(r.timeMs.median)} (${pct(r.timeMs.spread)}) | ${fmt(r.mbPerSecond, 0)} | ` +
        `${fmt(r.ratioToCurl, 2)} | ${r.cpuMsPer100MB === undefined ? "" : fmt(r.cpuMsPer100MB, 0)} | ` +
        `${r.sinkCpuMsPer100MB === undefined ? "" : fmt(r.sinkCpuMsPer100MB, 0)} |`,
    );
};
lines.push("Sink: node:http (`sink-server.mjs`).", "");
throughputTable(results.throughput);
lines.push("", "Sink: a raw `net` server (`raw-sink-process.mjs`: counts the body, parses nothing, answers MiniMax's JSON).", "");
throughputTable(results.throughputRawSink);
lines.push(
  "",
  "### Per-request overhead: sequential uploads of 100 KB, each tool warmed up first (ratio = this ÷ curl, lower is faster)",
  "",
);
const overheadTable = (rows) => {
  lines.push("| tool | median ms (spread) | × curl | × bare node:http | sink CPU µs per request |", "| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows)
    lines.push(
      `| ${r.tool}${r.tool === "curl" ? " (a process per upload)" : ""} | ${fmt(r.latencyMs.median, 2)} ` +
        `(${pct(r.latencyMs.spread)}) | ${r.ratioToCurl === undefined ? "" : fmt(r.ratioToCurl, 2)} | ${fmt(r.ratioToNodeHttp, 2)} | ` +
        `${r.sinkCpuUsPerRequest === undefined ? "" : fmt(r.sinkCpuUsPerRequest, 0)} |`,
    );
};
lines.push(`Sink: node:http; ${plan.overhead} uploads per tool.`, "");
overheadTable(results.overhead);
lines.push("", `Sink: the raw \`net\` server; ${plan.overheadRawSink} uploads per tool.`, "");
overheadTable(results.overheadRawSink);
lines.push(
  "",
  `A ${label(wavFiles[0].bytes)} WAV, the raw \`net\` sink, ${plan.overheadCheckedWav} uploads per tool: ` +
    "coreChecked is the client as users get it (its pre-flight checks on), core the same with them off.",
  "",
);
overheadTable(results.overheadCheckedWav);
lines.push(
  "",
  `### list and retrieve round trips (${plan.jsonRoundTrips} each in sequence; raw sink; ratio = core ÷ bare node:http GET)`,
  "",
);
lines.push("| operation | core median ms | bare node:http GET median ms | × bare |", "| --- | ---: | ---: | ---: |");
for (const r of results.jsonRoundTrip)
  lines.push(`| ${r.operation} | ${fmt(r.coreMs.median, 3)} | ${fmt(r.bareNodeHttpMs.median, 3)} | ${fmt(r.ratio, 2)} |`);
lines.push("", "### Peak RSS of the uploading process, core client streaming a file", "");
lines.push("| file | peak RSS MB (min–max) |", "| --- | ---: |");
for (const r of results.peakRss)
  lines.push(
    `| ${label(r.bytes)} | ${fmt(r.peakRssBytes.median / MB)} (${fmt(r.peakRssBytes.min / MB)}–${fmt(r.peakRssBytes.max / MB)}) |`,
  );
const rssFirst = results.peakRss[0].peakRssBytes.median;
const rssLast = results.peakRss.at(-1).peakRssBytes.median;
lines.push(
  "",
  `Largest minus smallest: ${fmt((rssLast - rssFirst) / MB)} MB for ${label(results.peakRss.at(-1).bytes)} vs ` +
    `${label(results.peakRss[0].bytes)}.`,
);
lines.push("", "### CLI cold start (`minimax-files --version` ÷ `node -e 0`)", "");
lines.push(
  `node -e 0: ${fmt(results.coldStart.node.median)} ms; minimax-files --version: ${fmt(results.coldStart.cli.median)} ms; ratio ` +
    `${fmt(results.coldStart.ratio, 2)}×`,
  "",
  "| command | median ms | × node -e 0 |",
  "| --- | ---: | ---: |",
  ...results.coldStartByCommand.map((r) => `| minimax-files ${r.command} | ${fmt(r.ms.median)} | ${fmt(r.ratio, 2)} |`),
  "",
  "The same help through the program (`help <command>`, not answered from the help kept at build): the bundle's start.",
  "",
  "| command | median ms | × node -e 0 |",
  "| --- | ---: | ---: |",
  ...results.coldStartByCommandThroughProgram.map((r) => `| minimax-files ${r.command} | ${fmt(r.ms.median)} | ${fmt(r.ratio, 2)} |`),
);
lines.push("", "### Through the server (client → hop → sink ÷ client → sink; real WAV files, checks on; interleaved)", "");
lines.push("The bare proxy is the simplest hop: node:http piping the body upstream with no parsing and no checks.", "");
lines.push(
  "| file | direct ms | via server ms | × direct | server CPU ms/upload | via bare proxy ms | × direct | bare proxy CPU ms/upload |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
);
for (const r of results.serverHop) {
  lines.push(
    `| ${label(r.bytes)} WAV | ${fmt(r.directMs.median)} | ${fmt(r.viaServerMs.median)} | ${fmt(r.ratio, 2)} | ` +
      `${fmt(r.serverCpuMsPerUpload)} | ${fmt(r.viaBareProxyMs.median)} | ${fmt(r.bareProxyRatio, 2)} | ` +
      `${fmt(r.bareProxyCpuMsPerUpload)} |`,
  );
}
const h = results.serverHopSustained;
lines.push(
  "",
  `Sustained: ${h.uploads} ${label(h.bytes)} WAV uploads through each hop, interleaved, after the same warm-up (${fmt(h.seconds)} s; ` +
    "both processes started with `--trace-gc`, which counts V8's collections):",
  "",
  "| hop | median ms/upload | × bare proxy | CPU ms/upload | × bare proxy | mark-compacts | scavenges | GC pause ms/upload |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...[
    ["server", h.viaServerMs, h.timeRatio, h.serverCpuMsPerUpload, h.cpuRatio, h.serverGc],
    ["bare proxy", h.viaBareProxyMs, 1, h.bareProxyCpuMsPerUpload, 1, h.bareProxyGc],
  ].map(
    ([hop, time, timeRatio, cpu, ratio, gc]) =>
      `| ${hop} | ${fmt(time.median, 2)} | ${fmt(timeRatio, 2)} | ${fmt(cpu)} | ${fmt(ratio, 2)} | ${gc.markCompacts} | ` +
      `${gc.scavenges} | ${fmt(gc.pauseMsPerUpload, 2)} |`,
  ),
);
const c = results.serverConcurrency;
lines.push("", `### ${c.concurrency} concurrent ${label(c.bytes)} uploads through the server`, "");
lines.push(
  `${c.succeeded}/${c.concurrency} succeeded in ${fmt(c.seconds)} s; server RSS idle ${fmt(c.idleRssBytes / MB)} MB, peak ` +
    `(VmHWM) ${fmt(c.peakRssBytes / MB)} MB, 5 s after ${fmt(c.rssAfter5sBytes / MB)} MB.`,
);
lines.push("", "### Peak RSS of the downloading process, to a path (core: `files.download`; beside it the simplest paths)", "");
lines.push("| tool | file | peak RSS MB (min–max) | minus the same tool's smallest |", "| --- | --- | ---: | ---: |");
const smallest = (tool) => results.downloadRss.find((r) => r.tool === tool).peakRssBytes.median;
for (const r of results.downloadRss) {
  const delta = (r.peakRssBytes.median - smallest(r.tool)) / MB;
  lines.push(
    `| ${r.tool} | ${label(r.bytes)} | ${fmt(r.peakRssBytes.median / MB)} (${fmt(r.peakRssBytes.min / MB)}–` +
      `${fmt(r.peakRssBytes.max / MB)}) | ${fmt(delta)} |`,
  );
}
const coreDownloads = results.downloadRss.filter((r) => r.tool === "core");
const coreAt = (bytes) => coreDownloads.find((r) => r.bytes === bytes).peakRssBytes.median;
results.downloadRssDeltaBytes = coreAt(200 * MB) - coreAt(1 * MB);
lines.push("", `core, 200 MB minus 1 MB: ${fmt(results.downloadRssDeltaBytes / MB)} MB (target: within 32 MB).`);
lines.push(
  "",
  "### Download to a path (`curl -o` ÷ each; core: `files.download`, atomic; a node:http content server streaming from disk)",
  "",
);
const downloadRows = (rows) => {
  lines.push("| file | tool | median ms (spread) | × curl | content server CPU ms per 100 MB |", "| --- | --- | ---: | ---: | ---: |");
  for (const r of rows)
    lines.push(
      `| ${label(r.bytes)} | ${r.tool} | ${fmt(r.timeMs.median)} (${pct(r.timeMs.spread)}) | ${fmt(r.ratioToCurl, 2)} | ` +
        `${r.serverCpuMsPer100MB === undefined ? "" : fmt(r.serverCpuMsPer100MB, 0)} |`,
    );
};
const collectionsLine = (c) =>
  `${c.markCompacts} mark-compacts, ${c.incrementalMarkings} incremental markings, ${c.scavenges} scavenges ` +
  `(${fmt(c.pauseMs, 0)} ms of pauses)`;
lines.push("In the bench's own process, after the steps above:", "");
downloadRows(results.downloadThroughput);
lines.push("", `Its collections meanwhile: ${collectionsLine(results.downloadCollections.benchProcess)}.`, "");
lines.push("In a process of its own (`download-speed-process.mjs`), the same measurement:", "");
downloadRows(results.downloadThroughputOwnProcess);
lines.push("", `Its collections: ${collectionsLine(results.downloadCollections.ownProcess)}.`, "");
lines.push(
  `In a process of its own started with \`${roomyHeapFlag}\` (V8's first heap limit, with room for what a download receives):`,
  "",
);
downloadRows(results.downloadThroughputRoomyHeap);
lines.push("", `Its collections: ${collectionsLine(results.downloadCollections.roomyHeap)}.`);
const d = results.serverDownloads;
lines.push("", `### ${d.concurrency} concurrent ${label(d.bytes)} downloads through the server (retrieve_content, streamed)`, "");
lines.push(
  `${d.succeeded}/${d.concurrency} succeeded in ${fmt(d.seconds)} s; server RSS idle ${fmt(d.idleRssBytes / MB)} MB, peak (VmHWM) ` +
    `${fmt(d.peakRssBytes / MB)} MB (target: at most 256 MiB).`,
);
lines.push("", `(${fmt(results.seconds, 0)} s in all)`);
console.log(lines.join("\n"));

const output = fileURLToPath(new URL(`./results/${quick ? "quick" : "latest"}.json`, import.meta.url));
await writeFile(output, `${JSON.stringify(results, null, 2)}\n`);
say(`\nfigures saved to bench/results/${quick ? "quick" : "latest"}.json`);
