/**
 * `client.voice`: voice cloning from uploaded files.
 * @module
 */
import type { RequestEngine } from "../engine/request-engine.js";
import type { RequestOptions } from "../engine/request-options.js";
import { InvalidInputError } from "../errors.js";
import type { Transport } from "../transport/choose-transport.js";
import { type ClonedVoice, type CloneOptions, type CloneParams, cloneVoice } from "./clone.js";

/** Voice cloning. */
export class Voice {
  readonly #engine: RequestEngine;
  readonly #transport: Transport;

  /** @internal Made by {@link MiniMaxFiles}. */
  constructor(engine: RequestEngine, transport: Transport) {
    this.#engine = engine;
    this.#transport = transport;
  }

  /**
   * Clones a voice: checks every parameter by MiniMax's rules, runs the pre-flight checks on the
   * recording and the prompt clip (when given as sources) before either is uploaded, uploads them
   * with their purposes, and clones. Without `voiceId` the client makes a unique one.
   * @example
   * ```ts
   * const voice = await client.voice.clone({
   *   file: "./recording.wav",
   *   voiceId: "MyNarrator01",
   *   prompt: { file: "./clip.wav", text: "Welcome to the show." },
   *   preview: { text: "Hello there.", model: "speech-2.8-hd" },
   * });
   * console.log(voice.voiceId, voice.previewURL);
   * ```
   * @throws InvalidInputError for a parameter that breaks MiniMax's rules, AudioPreflightError for a file
   *   that fails its checks (nothing uploaded), CloningNotPermittedError (2038), DuplicateVoiceIdError (2039), …
   */
  clone(params: CloneParams, options: CloneOptions = {}): Promise<ClonedVoice> {
    return cloneVoice(this.#engine, this.#transport, params, options);
  }

  /**
   * Node only: downloads a clone's preview (its `previewURL`, on MiniMax's file host, fetched
   * without the API key) to `path`, atomically.
   */
  async downloadPreview(
    voice: Pick<ClonedVoice, "previewURL">,
    path: string,
    options: RequestOptions = {},
  ): Promise<{ path: string; bytes: number }> {
    return this.#engine.call(options, "preview download", async () => {
      if (!voice.previewURL)
        throw new InvalidInputError("previewURL", "the clone has no preview", "a clone made with preview: { text, model }");
      const [{ checkTarget, writeAtomically }, { webStreamWriter }] = await Promise.all([
        import("../files/write-atomically.js"),
        import("../files/write-content.js"),
      ]);
      await checkTarget(path, false);
      const fetcher = this.#engine.options.fetch ?? fetch;
      const response = await fetcher(voice.previewURL, { ...(options.signal ? { signal: options.signal } : {}), redirect: "follow" });
      if (!response.ok || !response.body)
        throw new InvalidInputError("previewURL", `it answered HTTP ${response.status}`, "a preview URL that has not expired");
      return { path, bytes: await writeAtomically(webStreamWriter(response.body), path, { overwrite: false }) };
    });
  }
}
