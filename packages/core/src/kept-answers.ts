/**
 * What Node's own fetch (`transport/node-fetch.ts`) keeps beside the answers it makes without a body,
 * for the readers that take it from there instead of through a web stream.
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { HttpAnswer } from "./http-answer.js";
import type { SocketBody } from "./transport/socket-body.js";

/**
 * Answers read whole within the answer limit: their text, for the direct client to hand on as
 * openapi-fetch hands on what it read (no web stream per answer).
 */
export const answersReadWhole = new WeakMap<HttpAnswer, string>();

/**
 * Streamed 2xx answers fetched with `keepNodeStream`: node:http's own stream of their bytes, read
 * at most once, as the Response's body would have been (a download writes it without a web stream).
 */
export const nodeAnswerBodies = new WeakMap<HttpAnswer, IncomingMessage>();

/** The kept streams (`nodeAnswerBodies`) of requests made through a {@link SocketBody}: their body can be taken over from the socket. */
export const socketBodies = new WeakMap<IncomingMessage, SocketBody>();
