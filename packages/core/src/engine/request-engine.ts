/**
 * The one request path every operation goes through. It owns the key, the host and path mapping,
 * timeouts and abort, retries (with each operation's rule), bounded answers, the classification of
 * failures that got no usable answer, and the deep redaction of the key from every error. An
 * operation only builds its request and reads its answer (see `Operation`).
 * @module
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { AbortWatch } from "../abort-watch.js";
import { type AttemptObserver, boundedResponse, ResponseTooLargeError } from "../bounded-response.js";
import { checkRequestOptions, hasNoKeys, type ResolvedClientOptions } from "../client-options.js";
import {
  AbortedError,
  ConnectionError,
  describeCause,
  HTTPError,
  InvalidResponseError,
  MiniMaxFilesError,
  responseInfo,
  TimeoutError,
} from "../errors.js";
import type { paths } from "../generated/openapi.js";
import { isMiniMaxHost } from "../hosts.js";
import type { AnswerFetch, HttpAnswer } from "../http-answer.js";
import { redactSecret } from "../redact.js";
import { decideRetry, type RetryPolicy, retryPolicy, sleep } from "../retry.js";
import { Deadline } from "./deadline.js";
import { directClient, type OperationsClient } from "./direct-client.js";
import { directPathsOn, type GatewayPath, operationURL } from "./paths.js";
import type { RequestOptions } from "./request-options.js";

/** What an operation's attempt returns: the value and the HTTP answer it came in. */
export interface Answered<T> {
  value: T;
  /** The answer: a `Response`, or in Node a `NodeAnswer` (`asResponse` makes the `Response` of it). */
  response: HttpAnswer;
}

/** One attempt of an operation, as the engine hands it over. */
export interface Attempt {
  /** 1 for the first. */
  number: number;
  /** The endpoint in words, e.g. `the list endpoint`, for the errors read from the answer. */
  endpoint: string;
  /**
   * What every request of this attempt passes to openapi-fetch: the headers (with the key),
   * the caller's abort and the attempt's timeout (a `signal`, or for Node's own transport the
   * `abort` it watches without one), redirects refused, the answer read as text within
   * `maxResponseBytes`. A download replaces `middleware` with {@link Attempt.observe}.
   */
  init: {
    headers: Record<string, string>;
    signal?: AbortSignal;
    abort?: AbortWatch;
    middleware: Middleware[];
    parseAs: "text";
    redirect: "error";
  };
  /** Middleware for a download: error answers capped as `init.middleware` caps them, a 2xx body left whole (the content). */
  observe: Middleware;
  /**
   * Keeps the attempt's timeout running after `send` returns (a content stream read later), until
   * the returned function is called; otherwise it stops when `send` settles.
   */
  holdDeadline(): () => void;
  /** Set by an upload's body when its source failed while it was sent: that error is the attempt's. */
  guard: { failure: MiniMaxFilesError | undefined } | undefined;
  /**
   * The typed error (key removed) for a failure while a body handed to the caller is read after
   * the attempt returned (a download's stream): an abort, the timeout, or an answer that broke off.
   */
  fail(error: unknown): MiniMaxFilesError;
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
export class RequestEngine {
  /**
   * The typed client operations send their requests with: openapi-fetch, or in Node (when the
   * transport has its own fetch) the same calls without openapi-fetch's machinery (`direct-client.ts`).
   */
  readonly api: OperationsClient;
  readonly options: ResolvedClientOptions;
  /** Whether requests go through the direct client (Node's own transport, which watches an attempt's abort without a signal). */
  readonly #direct: boolean;
  /** The client's retry policy, for calls without options of their own. */
  #retryPolicy: RetryPolicy | undefined;

  /** @param sendWith how requests are sent when not with the client's `fetch` (Node's own fetch, from the transport) */
  constructor(options: ResolvedClientOptions, sendWith: SendWith = {}) {
    this.options = options;
    const direct = sendWith.fetch && !options.fetch ? sendWith.fetch : undefined;
    this.#direct = direct !== undefined;
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
    const timeoutMs = options.timeout ?? this.options.timeout;
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt > 1) await operation.beforeRetry?.();
        return await this.#attempt(operation, options, timeoutMs, attempt);
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

  #clientRetryPolicy(): RetryPolicy {
    this.#retryPolicy ??= retryPolicy(this.options.retry);
    return this.#retryPolicy;
  }

  async #attempt<T>(operation: Operation<T>, options: RequestOptions, timeoutMs: number, number: number): Promise<Answered<T>> {
    const { signal } = options;
    if (signal?.aborted) throw new AbortedError(signal.reason, number - 1, operation.name);
    const deadline = new Deadline(timeoutMs, signal);
    let deadlineHeld = false;
    const observer: AttemptObserver = { response: undefined };
    const { maxResponseBytes } = this.options;
    const attempt: Attempt = {
      number,
      endpoint: `the ${operation.name} endpoint`,
      init: {
        headers: { ...this.options.defaultHeaders, ...options.headers, Authorization: `Bearer ${this.options.apiKey}` },
        ...(this.#direct ? { abort: deadline } : { signal: deadline.signal }),
        middleware: [boundedResponse(this.options.maxResponseBytes, observer)],
        parseAs: "text",
        redirect: "error",
      },
      // Made when a download asks for it (the other operations never do).
      get observe() {
        return boundedResponse(maxResponseBytes, observer, { successUncapped: true });
      },
      guard: undefined,
      holdDeadline: () => {
        deadlineHeld = true;
        return () => deadline.clear();
      },
      fail: (error) => {
        const failure =
          error instanceof MiniMaxFilesError
            ? error
            : this.#failure(error, { operation, signal, deadline, timeoutMs, attempt: number, observer, guard: attempt.guard?.failure });
        return redactSecret(failure, this.options.apiKey);
      },
    };
    try {
      return await operation.send(attempt);
    } catch (error) {
      throw attempt.fail(error);
    } finally {
      if (!deadlineHeld) deadline.clear();
    }
  }

  /** The typed error for an attempt that got no usable answer. */
  #failure(
    error: unknown,
    context: {
      operation: Operation<unknown>;
      signal: AbortSignal | undefined;
      deadline: Deadline;
      timeoutMs: number;
      attempt: number;
      observer: AttemptObserver;
      guard: MiniMaxFilesError | undefined;
    },
  ): MiniMaxFilesError {
    const { attempt, operation } = context;
    if (context.signal?.aborted) return new AbortedError(context.signal.reason ?? error, attempt, operation.name);
    if (context.guard) return context.guard;
    if (context.deadline.expired) return new TimeoutError(context.timeoutMs, { attempts: attempt, operation: operation.name });
    const answered = context.observer.response;
    if (answered) {
      const info = responseInfo(answered, attempt, `the ${operation.name} endpoint`);
      if (error instanceof ResponseTooLargeError) {
        return new InvalidResponseError("too-large", `the body is larger than ${error.limit} bytes; the rest was not read`, info);
      }
      const problem = `the body broke off before its end (${describeCause(error)})`;
      // A failing server's answer that also breaks off is still a server failure: retried.
      if (info.httpStatus >= 500) return HTTPError.fromStatus(info, `(${problem})`);
      return new InvalidResponseError("truncated", problem, info);
    }
    const url = this.urlOf(operation.path);
    if (/redirect/i.test(describeCause(error))) {
      return new ConnectionError(url, error, {
        retryable: false,
        hint: "It answered with a redirect, which the client does not follow: point baseURL at the final host",
        attempts: attempt,
      });
    }
    return new ConnectionError(url, error, { attempts: attempt });
  }
}
