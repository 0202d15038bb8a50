/**
 * What a consumer gets: packs every published package (its `prepack` refuses a missing or stale
 * build), lints each tarball (publint --strict; @arethetypeswrong/cli with the esm-only profile,
 * because the packages are ESM: TypeScript's CommonJS view sees "dynamic import only", while
 * Node ≥ 20.19 can require() them, which is checked below), installs the tarballs into a plain
 * npm project and there: imports, requires, type-checks with node16 and bundler resolution,
 * runs the CLI's --help, and uploads through the installed client, CLI and server to the
 * installed mock.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { publishedPackages, root } from "./packages.mjs";

const run = promisify(execFile);

/** Runs every check; returns the problems found. `log` reports each step as it passes. */
export async function consumerSmoke(log) {
  const problems = [];
  const work = await mkdtemp(join(tmpdir(), "check-release-"));
  const testkit = await import(join(root, "packages/testkit/dist/index.js"));
  let mock;
  let server;
  try {
    const packs = join(work, "packs");
    for (const { folder } of publishedPackages) await run("pnpm", ["pack", "--pack-destination", packs], { cwd: join(root, folder) });
    const tarballs = (await readdir(packs)).map((name) => join(packs, name));
    log(`packed ${tarballs.length} packages`);

    for (const { name, manifest } of publishedPackages) {
      const tarball = tarballs.find((path) => path.includes(name.replace("@", "").replace("/", "-")));
      const { messages } = await publint({ pack: { tarball: (await readFile(tarball)).buffer }, strict: true, level: "suggestion" });
      for (const message of messages) problems.push(`publint ${name}: ${formatMessage(message, manifest) ?? message.code}`);
      const assets = Object.keys(manifest.exports ?? {}).filter((entry) => /\.(ya?ml|json)$/.test(entry) && entry !== "./package.json");
      const excluded = assets.length ? ["--exclude-entrypoints", ...assets] : [];
      await run(join(root, "node_modules/.bin/attw"), [tarball, "--profile", "esm-only", "--no-color", ...excluded]).catch((error) =>
        problems.push(`attw ${name}:\n${error.stdout}`),
      );
    }
    log("publint --strict and attw (esm-only) on every tarball");

    const project = join(work, "consumer");
    await run("mkdir", ["-p", project]);
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs, "typescript@5.9.3", "@types/node@20.19.25"], {
      cwd: project,
      maxBuffer: 16 * 1024 * 1024,
    });
    log("installed the tarballs into a plain npm project");

    const node = (args, env = {}) => run(process.execPath, args, { cwd: project, env: { ...process.env, ...env } });
    await node([
      "--input-type=module",
      "-e",
      'const m = await import("@minimax-files/core"); if (typeof m.MiniMaxFiles !== "function") throw new Error("no MiniMaxFiles ' +
        'export"); await import("@minimax-files/server"); await import("@minimax-files/cli"); await import("@minimax-files/mock");',
    ]);
    log("ESM import of every package");
    await node([
      "-e",
      'const m = require("@minimax-files/core"); if (typeof m.MiniMaxFiles !== "function") throw new Error("no MiniMaxFiles ' +
        'export"); require("@minimax-files/server");',
    ]).catch((error) => {
      if (!/ESM|import\(/.test(error.stderr))
        problems.push(`require("@minimax-files/core") fails without saying the package is ESM-only:\n${error.stderr}`);
    });
    log("require() of core and server (Node ≥ 20.19 loads ESM with require)");

    await writeFile(
      join(project, "mock.mjs"),
      'import { startMock } from "@minimax-files/mock"; const mock = await startMock(); ' +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the script's own template literal
        'console.log(`mock listening on ${mock.url}`); process.on("SIGTERM", () => mock.stop().then(() => process.exit(0)));',
    );
    await writeFile(
      join(project, "consumer.ts"),
      [
        'import { MiniMaxFiles, APIError, type UploadedFile, type RequestOptions, type StoredFile } from "@minimax-files/core";',
        'import { mintUploadToken } from "@minimax-files/core/upload-tokens";',
        'import { inspectAudio } from "@minimax-files/core/audio";',
        'import { regionBaseURLs } from "@minimax-files/core/hosts";',
        'import { purposeSchema } from "@minimax-files/core/schemas";',
        'import { createApp, readServerConfig, type ServerConfig } from "@minimax-files/server";',
        'import { main, exitCodes } from "@minimax-files/cli";',
        'import { startMock, exampleHeaders, type MockServer } from "@minimax-files/mock";',
        "export const mock: () => Promise<MockServer> = startMock;",
        'export const prefer: { Prefer: string } = exampleHeaders("rate_limited");',
        'const client = new MiniMaxFiles({ apiKey: "k", baseURL: "http://127.0.0.1:1" });',
        "const options: RequestOptions = { timeout: 1000, onProgress: ({ loaded }) => void loaded };",
        'export const pending: Promise<UploadedFile> = client.upload({ file: new Uint8Array(1), purpose: "voice_clone" }, options);',
        'export const id: string | undefined = undefined as UploadedFile["file_id"] | undefined;',
        "export const isError = (error: unknown): error is APIError => error instanceof APIError;",
        "export const config: (env: Record<string, string>) => ServerConfig = readServerConfig;",
        "export const app = createApp;",
        "export const run: (argv: string[]) => Promise<number> = main;",
        "export const ok: 0 = exitCodes.ok;",
        "export const token = mintUploadToken;",
        "export const inspect = inspectAudio;",
        "export const global: string = regionBaseURLs.global;",
        "export const purposes: readonly string[] = purposeSchema.options;",
        'export const listed: Promise<UploadedFile[]> = client.files.list({ purpose: "voice_clone" });',
        'export const stored: Promise<StoredFile> = client.files.retrieve("362854771301234");',
        'export const cloned = client.voice.clone({ fileId: "362854771301234", voiceId: "MyVoice01" });',
      ].join("\n"),
    );
    for (const [module, resolution] of [
      ["node16", "node16"],
      ["esnext", "bundler"],
    ]) {
      await run(
        join(project, "node_modules/.bin/tsc"),
        [
          "--noEmit",
          "--strict",
          "--target",
          "es2022",
          "--module",
          module,
          "--moduleResolution",
          resolution,
          "--types",
          "node",
          "consumer.ts",
        ],
        { cwd: project },
      ).catch((error) => problems.push(`tsc --moduleResolution ${resolution}:\n${error.stdout}${error.stderr}`));
    }
    log("tsc with moduleResolution node16 and bundler");

    await node([join(project, "node_modules/.bin/minimax-files"), "--help"]);
    await node([join(project, "node_modules/.bin/minimax-files-server"), "--help"]);
    log("the CLI's and the server's --help");

    // The mock as an app's CI would run it: from the installed @minimax-files/mock.
    mock = await testkit.startNodeProcess(join(project, "mock.mjs"), [], {}, /mock listening on (http:\/\/\S+)/);
    mock.url = mock.match[1];
    const clip = join(project, "clip.wav");
    await writeFile(clip, testkit.makeWav({ seconds: 12 }));
    const upload =
      'import { MiniMaxFiles } from "@minimax-files/core"; const file = await new MiniMaxFiles({ apiKey: process.env.KEY, ' +
      'baseURL: process.env.URL }).upload({ file: "clip.wav" }); console.log(file.file_id);';
    const direct = await node(["--input-type=module", "-e", upload], { KEY: "consumer-key", URL: mock.url });
    const viaCli = await node([join(project, "node_modules/.bin/minimax-files"), "upload", clip], {
      MINIMAX_API_KEY: "consumer-key",
      MINIMAX_BASE_URL: mock.url,
    });
    server = await testkit.startNodeProcess(
      join(project, "node_modules/.bin/minimax-files-server"),
      [],
      {
        MINIMAX_API_KEY: "consumer-upstream-key",
        MINIMAX_BASE_URL: mock.url,
        MINIMAX_FILES_SERVER_TOKENS: "consumer:consumer-caller-token",
        PORT: "0",
      },
      /listening on (http:\/\/[^\s"]+)/,
    );
    const viaServer = await node(["--input-type=module", "-e", upload], { KEY: "consumer-caller-token", URL: server.match[1] });
    for (const [how, output] of [
      ["client", direct.stdout],
      ["CLI", viaCli.stdout],
      ["server", viaServer.stdout],
    ]) {
      if (!/362854771301234/.test(output))
        problems.push(`an upload through the installed ${how} did not return Prism's file_id: ${output}`);
    }
    log("uploads through the installed client, CLI and server to the installed mock");
  } catch (error) {
    problems.push(`${error.message}\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  } finally {
    await server?.stop();
    await mock?.stop();
    await rm(work, { recursive: true, force: true });
  }
  return problems;
}
