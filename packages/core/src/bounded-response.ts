import type { Middleware } from "openapi-fetch";
import type { HttpAnswer } from "./http-answer.js";

/** Thrown inside a response body read that passed the size limit. */
export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
  constructor(readonly limit: number) {
    super(`the response body is larger than ${limit} bytes`);
  }
}

/** What one attempt's middleware saw. */
export interface AttemptObserver {
  /** The answer, once its headers arrived. */
  response: HttpAnswer | undefined;
}

/**
 * openapi-fetch middleware for one attempt: records that an answer arrived (so a body that
 * breaks off is told apart from no answer) and caps how much of its body is read, cancelling
 * the rest, so a huge or endless answer cannot fill memory. With `successUncapped` (a download)
 * only error answers are capped: a 2xx body is the content, read by the download itself.
 */
export function boundedResponse(limit: number, observer: AttemptObserver, options: { successUncapped?: boolean } = {}): Middleware {
  return {
    onResponse({ response }) {
      observer.response = response;
      if (!response.body || (options.successUncapped && response.ok)) return response;
      let seen = 0;
      const capped = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            seen += chunk.length;
            if (seen > limit) controller.error(new ResponseTooLargeError(limit));
            else controller.enqueue(chunk);
          },
        }),
      );
      return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  };
}
