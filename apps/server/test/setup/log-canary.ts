/**
 * After every test file: no log line written by the server in it holds an API key or a caller
 * token. Every key and token the tests use contains one of these markers.
 */
import { afterAll, expect } from "vitest";
import { allLogLines } from "../helpers/capture-log.js";

export const secretMarkers = /SECRET|caller-token|second-token|browser-page-token/;

afterAll(() => {
  const leaking = allLogLines.filter((line) => secretMarkers.test(line));
  expect(leaking, "log lines holding a key or token").toEqual([]);
});
