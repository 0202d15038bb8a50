import { describe, expect, test } from "vitest";
import { scrubUpstreamText } from "../src/upstream/scrub.js";

describe("scrubUpstreamText: upstream text made safe for a caller", () => {
  test.each([
    ["the server's own key", "bad key sk-own-SECRET-1234", ["sk-own-SECRET-1234"], "bad key [redacted]"],
    ["any bearer credential", "got Authorization: Bearer abc.def-ghi", [], "got Authorization: Bearer [redacted]"],
    ["an already redacted bearer stays as it is", "Bearer [redacted API key] used", [], "Bearer [redacted API key] used"],
    ["a JWT (MiniMax keys are JWTs)", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl expired", [], "token [redacted] expired"],
    ["an sk- key of someone else's", "key sk-proj-abcdefgh12345 refused", [], "key [redacted] refused"],
    ["control characters and line breaks", "line one\r\nline\u0000two", [], "line one line two"],
  ])("removes %s", (_, text, secrets, expected) => {
    expect(scrubUpstreamText(text, secrets)).toBe(expected);
  });

  test("cuts long text to 300 characters", () => {
    expect(scrubUpstreamText("x".repeat(1000), [])).toBe(`${"x".repeat(300)}…`);
  });
});
