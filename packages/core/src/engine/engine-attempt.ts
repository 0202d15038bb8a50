/**
 * One attempt of an operation as the engine hands it over: a class, so that the hooks every
 * attempt carries (`fail`, `holdDeadline`, `observe`) live on its prototype instead of being new
 * closures on every request (a small request's allocations are what its garbage collection costs).
 * @module
 */
import type { Middleware } from "openapi-fetch";
import { type AttemptObserver, boundedResponse, ResponseTooLargeError } from "../bounded-response.js";
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
import type { HttpAnswer } from "../http-answer.js";
import { redactSecret } from "../redact.js";
import type { Attempt } from "./attempt.js";
import type { Deadline } from "./deadline.js";
import type { GatewayPath } from "./paths.js";

/** What an attempt reads of its engine (the `RequestEngine`). */
export interface AttemptEngine {
  readonly options: { readonly apiKey: string; readonly maxResponseBytes: number };
  /** Whether the transport watches the deadline itself (Node's own), so that no `AbortSignal` is made. */
  readonly sendsDirect: boolean;
  /** The URL an operation's requests go to, for a connection error. */
  urlOf(path: GatewayPath): string;
}

/** The call an attempt belongs to. */
export interface AttemptCall {
  /** The operation: its name in words (`upload`, `list`…) and its path. */
  operation: { readonly name: string; readonly path: GatewayPath };
  /** The caller's signal, if any. */
  signal: AbortSignal | undefined;
  /** Each attempt's timeout, in ms. */
  timeoutMs: number;
}

/** An attempt whose timeout and caller's abort are `deadline`. */
export class EngineAttempt implements Attempt, AttemptObserver {
  readonly number: number;
  readonly endpoint: string;
  readonly init: Attempt["init"];
  guard: Attempt["guard"] = undefined;
  /** The answer, once its headers arrived (recorded by the attempt's middleware). */
  response: HttpAnswer | undefined = undefined;
  /** Whether a content stream holds the deadline past `send` (see {@link EngineAttempt.holdDeadline}). */
  deadlineHeld = false;
  readonly #engine: AttemptEngine;
  readonly #call: AttemptCall;
  readonly #deadline: Deadline;

  /** @param headers the request's headers, the key among them */
  constructor(engine: AttemptEngine, call: AttemptCall, number: number, headers: Record<string, string>, deadline: Deadline) {
    this.#engine = engine;
    this.#call = call;
    this.#deadline = deadline;
    this.number = number;
    this.endpoint = `the ${call.operation.name} endpoint`;
    const direct = engine.sendsDirect;
    this.init = {
      headers,
      signal: direct ? null : deadline.signal,
      abort: direct ? deadline : undefined,
      middleware: [boundedResponse(engine.options.maxResponseBytes, this)],
      parseAs: "text",
      redirect: "error",
    };
  }

  callOptions<Extra extends object>(extra: Extra): Omit<Attempt["init"], keyof Extra> & Extra {
    const { headers, signal, abort, middleware, parseAs, redirect } = this.init;
    return Object.assign({ headers, signal, abort, middleware, parseAs, redirect }, extra);
  }

  /** Made when a download asks for it (the other operations never do). */
  get observe(): Middleware {
    return boundedResponse(this.#engine.options.maxResponseBytes, this, { successUncapped: true });
  }

  holdDeadline(): () => void {
    this.deadlineHeld = true;
    const deadline = this.#deadline;
    return () => deadline.clear();
  }

  fail(error: unknown): MiniMaxFilesError {
    const failure = error instanceof MiniMaxFilesError ? error : this.#failure(error);
    return redactSecret(failure, this.#engine.options.apiKey);
  }

  /** The typed error for an attempt that got no usable answer. */
  #failure(error: unknown): MiniMaxFilesError {
    const { number: attempt } = this;
    const { operation, signal, timeoutMs } = this.#call;
    const operationName = operation.name;
    if (signal?.aborted) return new AbortedError(signal.reason ?? error, attempt, operationName);
    if (this.guard?.failure) return this.guard.failure;
    if (this.#deadline.expired) return new TimeoutError(timeoutMs, { attempts: attempt, operation: operationName });
    const answered = this.response;
    if (answered) {
      const info = responseInfo(answered, attempt, this.endpoint);
      if (error instanceof ResponseTooLargeError) {
        return new InvalidResponseError("too-large", `the body is larger than ${error.limit} bytes; the rest was not read`, info);
      }
      const problem = `the body broke off before its end (${describeCause(error)})`;
      // A failing server's answer that also breaks off is still a server failure: retried.
      if (info.httpStatus >= 500) return HTTPError.fromStatus(info, `(${problem})`);
      return new InvalidResponseError("truncated", problem, info);
    }
    const url = this.#engine.urlOf(operation.path);
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
