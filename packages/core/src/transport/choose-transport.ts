import type { AnswerFetch } from "../http-answer.js";
import { canStreamRequestBodies } from "../runtime.js";
import { browserBody } from "./browser-body.js";
import { fetchBody } from "./fetch-body.js";
import { nodeFetch } from "./node-fetch.js";
import { nodeBody } from "./node-upload.js";
import type { BodyInput, PreparedBody } from "./prepared-body.js";

/** How a client sends its uploads, chosen once when the client is made. */
export interface Transport {
  /**
   * `node`: node:http, written from the source; `fetch`: the caller's fetch, given a stream; `browser`: a Blob (sent with XMLHttpRequest
   * for progress, or with the caller's fetch).
   */
  readonly name: "node" | "fetch" | "browser";
  /** Prepares the body of one attempt. */
  prepare(input: BodyInput): PreparedBody | Promise<PreparedBody>;
  /** The `fetch` a download goes through, when it is not the client's: node:http in Node, a 2xx answer's bytes kept in its Node stream. */
  readonly downloadFetch: AnswerFetch | undefined;
  /** The `fetch` of a download to a path: as `downloadFetch`, each answer on a socket its body can be taken from (`socket-body.ts`). */
  readonly pathDownloadFetch: AnswerFetch | undefined;
  /**
   * How every other request is sent: in Node, node:http with each answer read whole within the
   * client's answer limit (the engine then skips openapi-fetch, see `engine/direct-client.ts`);
   * elsewhere nothing (the client's fetch).
   */
  readonly sendWith: { fetch?: AnswerFetch };
}

/**
 * The transport for this runtime and these options: a caller's `fetch` where one is given (and
 * the runtime can stream request bodies), else Node's own upload path in Node, else (browsers)
 * a Blob body.
 */
export function chooseTransport(customFetch: unknown, answerLimit: number): Transport {
  if (!canStreamRequestBodies())
    return {
      name: "browser",
      prepare: (input) => browserBody(input, !customFetch && typeof XMLHttpRequest === "function"),
      downloadFetch: undefined,
      pathDownloadFetch: undefined,
      sendWith: {},
    };
  if (customFetch) return { name: "fetch", prepare: fetchBody, downloadFetch: undefined, pathDownloadFetch: undefined, sendWith: {} };
  return {
    name: "node",
    prepare: nodeBody,
    downloadFetch: nodeFetch({ keepNodeStream: true }),
    pathDownloadFetch: nodeFetch({ keepNodeStream: true, socketBody: true }),
    sendWith: { fetch: nodeFetch({ answerLimit }) },
  };
}
