/**
 * One attempt of an operation, as the engine hands it to the operation's `send`.
 * @module
 */
import type { Middleware } from "openapi-fetch";
import type { AbortWatch } from "../abort-watch.js";
import type { MiniMaxFilesError } from "../errors.js";

/** One attempt of an operation, as the engine hands it over. */
export interface Attempt {
  /** 1 for the first. */
  number: number;
  /** The endpoint in words, e.g. `the list endpoint`, for the errors read from the answer. */
  endpoint: string;
  /**
   * What every request of this attempt passes to openapi-fetch: the headers (with the key; the
   * client's own object when the call has none, which nothing may change), the caller's abort and
   * the attempt's timeout (a `signal`, or for Node's own transport the `abort` it watches without
   * one, the `signal` then null), redirects refused, the answer read as text within
   * `maxResponseBytes`. A download replaces `middleware` with {@link Attempt.observe}. Pass it
   * on with {@link Attempt.callOptions}.
   */
  init: {
    headers: Record<string, string>;
    signal: AbortSignal | null;
    abort: AbortWatch | undefined;
    middleware: Middleware[];
    parseAs: "text";
    redirect: "error";
  };
  /**
   * `init` with `extra`'s fields (which win), as one call's options: what an operation passes to
   * `engine.api`. Built field by field: spreading `init` into a new object there cost a `list`
   * about 5 µs more per request (side by side against the same object written out).
   */
  callOptions<Extra extends object>(extra: Extra): Omit<Attempt["init"], keyof Extra> & Extra;
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
