/**
 * The one request path every operation goes through. It owns the key, the host and path mapping,
 * timeouts and abort, retries (with each operation's rule), bounded answers, the classification of
 * failures that got no usable answer, and the deep redaction of the key from every error. An
 * operation only builds its request and reads its answer (see `Operation`).
 * @module
 */
import createClient from "openapi-fetch";
import { checkRequestOptions, hasNoKeys, type ResolvedClientOptions } from "../client-options.js";
import { AbortedError, MiniMaxFilesError } from "../errors.js";
import type { paths } from "../generated/openapi.js";
import { isMiniMaxHost } from "../hosts.js";
import type { AnswerFetch, HttpAnswer } from "../http-answer.js";
import { redactSecret } from "../redact.js";
import { decideRetry, type RetryPolicy, retryPolicy, sleep } from "../retry.js";
import type { Attempt } from "./attempt.js";
import { Deadline } from "./deadline.js";
import { directClient, type OperationsClient } from "./direct-client.js";
import { type AttemptCall, type AttemptEngine, EngineAttempt } from "./engine-attempt.js";
import { directPathsOn, type GatewayPath, operationURL } from "./paths.js";
import type { RequestOptions } from "./request-options.js";

export type { Attempt } from "./attempt.js";

/** What an operation's attempt returns: the value and the HTTP answer it came in. */
export interface Answered<T> {
  value: T;
  /** The answer: a `Response`, or in Node a `NodeAnswer` (`asResponse` makes the `Response` of it). */
  response: HttpAnswer;
}

/** The transport's own `fetch` for every request (Node's, in Node), when it has one. */
export interface SendWith {
  fetch?: AnswerFetch;
}

/** An operation of the API, as the engine runs it. */
export interface Operation<T> {
  /** What it does, in words: `upload`, `list`, `retrieve`, `download`, `delete`. */
  name: string;
  /** Its gateway path in the spec. */
  path: GatewayPath;
  /**
   * Whether repeating it is harmless: reads, and a delete. Such operations are also retried when
   * an answer breaks off; an upload is not (the file may have been stored).
   */
  idempotent: boolean;
  /** Whether it can be sent again (an upload from a one-shot stream cannot). Defaults to true. */
  replayable?(): boolean;
  /** Runs before each retry (an upload reopens its file). */
  beforeRetry?(): Promise<void>;
  /** Sends one attempt and reads its answer. */
  send(attempt: Attempt): Promise<Answered<T>>;
  /** Appended to a retryable error's message when it was not retried because the operation is not replayable. */
  notReplayableNote?: string;
}

/** The engine of one client: built once, shared by every operation. */
export class RequestEngine implements AttemptEngine {
  /**
   * The typed client operations send their requests with: openapi-fetch, or in Node (when the
   * transport has its own fetch) the same calls without openapi-fetch's machinery (`direct-client.ts`).
   */
  readonly api: OperationsClient;
  readonly options: ResolvedClientOptions;
  /** Whether requests go through the direct client, which watches an attempt's deadline without an `AbortSignal`. */
  readonly sendsDirect: boolean;
  /** The client's retry policy, for calls without options of their own. */
  #retryPolicy: RetryPolicy | undefined;
  /** The request headers of a call without headers of its own, made once (every request reads them, none changes them). */
  readonly #headers: Record<string, string>;

  /** @param sendWith how requests are sent when not with the client's `fetch` (Node's own fetch, from the transport) */
  constructor(options: ResolvedClientOptions, sendWith: SendWith = {}) {
    this.options = options;
    const direct = sendWith.fetch && !options.fetch ? sendWith.fetch : undefined;
    this.sendsDirect = direct !== undefined;
    this.#headers = this.#headersWith({});
    if (direct) this.api = directClient(options.baseURL, direct);
    else {
      const api = createClient<paths>({ baseUrl: options.baseURL, ...(options.fetch ? { fetch: options.fetch } : {}) });
      if (isMiniMaxHost(options.baseURL)) api.use(directPathsOn(options.baseURL));
      this.api = api;
    }
  }

  /** The URL an operation's requests go to. */
  urlOf(path: GatewayPath): string {
    return operationURL(this.options.baseURL, path);
  }

  /**
   * Runs `work` (an operation's checks, then {@link RequestEngine.attempts}) with the call's
   * options checked first and the key removed from anything it throws.
   */
  async call<T>(options: RequestOptions, name: string, work: () => Promise<T>): Promise<T> {
    try {
      checkRequestOptions(options);
      if (options.signal?.aborted) throw new AbortedError(options.signal.reason, 0, name);
      return await work();
    } catch (error) {
      throw redactSecret(error, this.options.apiKey);
    }
  }

  /**
   * {@link RequestEngine.call} of one operation: `make` builds it (checking its parameters, so a
   * refusal is typed and redacted like any failure), then it is sent with retries.
   */
  run<T>(options: RequestOptions, name: string, make: () => Operation<T>): Promise<Answered<T>> {
    return this.call(options, name, () => this.attempts(make(), options));
  }

  /** Sends `operation`, retrying as the retry policy and the operation's rule allow. */
  async attempts<T>(operation: Operation<T>, options: RequestOptions): Promise<Answered<T>> {
    // A call without options of its own (the common one) retries as the client does.
    const policy = hasNoKeys(options) ? this.#clientRetryPolicy() : retryPolicy(options, this.options.retry);
    const call: AttemptCall = { operation, signal: options.signal, timeoutMs: options.timeout ?? this.options.timeout };
    const headers = options.headers ? this.#headersWith(options.headers) : this.#headers;
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt > 1) await operation.beforeRetry?.();
        return await this.#attempt(operation, call, attempt, headers);
      } catch (error) {
        if (!(error instanceof MiniMaxFilesError)) throw error;
        const decision = decideRetry(policy, {
          error,
          attempt,
          replayable: operation.replayable?.() ?? true,
          aborted: options.signal?.aborted ?? false,
          idempotent: operation.idempotent,
        });
        if (!decision.retry) {
          if (decision.why === "one-shot" && operation.notReplayableNote) error.message += operation.notReplayableNote;
          throw error;
        }
        options.onRetry?.({ attempt, delayMs: decision.delayMs, error });
        try {
          await sleep(decision.delayMs, options.signal);
        } catch (reason) {
          throw new AbortedError(reason, attempt, operation.name);
        }
      }
    }
  }

  /** The request headers of a call with headers of its own: the client's, the call's, then the key (which neither overrides). */
  #headersWith(callHeaders: Record<string, string>): Record<string, string> {
    return { ...this.options.defaultHeaders, ...callHeaders, Authorization: `Bearer ${this.options.apiKey}` };
  }

  #clientRetryPolicy(): RetryPolicy {
    this.#retryPolicy ??= retryPolicy(this.options.retry);
    return this.#retryPolicy;
  }

  async #attempt<T>(operation: Operation<T>, call: AttemptCall, number: number, headers: Record<string, string>): Promise<Answered<T>> {
    const { signal } = call;
    if (signal?.aborted) throw new AbortedError(signal.reason, number - 1, operation.name);
    const deadline = new Deadline(call.timeoutMs, signal);
    const attempt = new EngineAttempt(this, call, number, headers, deadline);
    try {
      return await operation.send(attempt);
    } catch (error) {
      throw attempt.fail(error);
    } finally {
      if (!attempt.deadlineHeld) deadline.clear();
    }
  }
}
