import { expect, test } from "vitest";
import { parseResponseJson } from "../src/json.js";

test.each([
  ["a small id", '{"file":{"file_id":42,"bytes":100}}', { file: { file_id: "42", bytes: 100 } }],
  [
    "an id above 2^53, every digit kept",
    '{"file":{"file_id":123456789012345678,"bytes":100}}',
    { file: { file_id: "123456789012345678", bytes: 100 } },
  ],
  [
    "a long run of digits inside a string, ids still exact",
    '{"trace":"12345678901234567890","file_id":7}',
    { trace: "12345678901234567890", file_id: "7" },
  ],
  [
    "ids in a list",
    '{"files":[{"file_id":1},{"file_id":98765432109876543}]}',
    { files: [{ file_id: "1" }, { file_id: "98765432109876543" }] },
  ],
  ["a 16-digit id below 2^53, exact as a double", '{"file_id":9007199254740991}', { file_id: "9007199254740991" }],
  ["an id of 2^53 + 1, which a double rounds down", '{"file_id":9007199254740993}', { file_id: "9007199254740993" }],
  ["an id that is not an integer, kept as written", '{"file_id":12.50}', { file_id: "12.50" }],
  [
    "other numbers stay numbers",
    '{"base_resp":{"status_code":1004,"status_msg":"x"},"created_at":1700000000}',
    { base_resp: { status_code: 1004, status_msg: "x" }, created_at: 1700000000 },
  ],
])("%s", (_, text, expected) => {
  expect(parseResponseJson(text)).toEqual(expected);
});

test("text that is not JSON throws SyntaxError on either path", () => {
  expect(() => parseResponseJson("<html>")).toThrow(SyntaxError);
  expect(() => parseResponseJson('{"file_id": 12345678901234567')).toThrow(SyntaxError);
});
