import { describe, expect, test } from "vitest";
import {
  APIError,
  AuthenticationError,
  InsufficientBalanceError,
  InvalidAPIKeyError,
  InvalidParametersError,
  MiniMaxFilesError,
  RateLimitError,
  SensitiveContentError,
} from "../src/errors.js";

describe("APIError.fromStatus", () => {
  test.each([
    [1002, RateLimitError],
    [1004, AuthenticationError],
    [1008, InsufficientBalanceError],
    [1026, SensitiveContentError],
    [2013, InvalidParametersError],
    [2049, InvalidAPIKeyError],
  ])("code %i gets its own class", (code, ErrorClass) => {
    const error = APIError.fromStatus({ code, statusMessage: "msg", httpStatus: 200 });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(MiniMaxFilesError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.message).toContain(`${code}: msg`);
  });

  test.each([1000, 1028, 1030, 1039, 2037, 20132, 99999])("unknown code %i stays a plain APIError", (code) => {
    const error = APIError.fromStatus({ code, statusMessage: "other", httpStatus: 200 });
    expect(error.constructor).toBe(APIError);
    expect(error.code).toBe(code);
  });
});

describe("InvalidAPIKeyError", () => {
  test.each([
    ["https://api.minimax.io", "https://api.minimaxi.com"],
    ["https://api.minimaxi.com", "https://api.minimax.io"],
  ])("on %s it suggests the other region's host", (baseURL, other) => {
    const error = APIError.fromStatus({ code: 2049, statusMessage: "invalid api key", httpStatus: 200, baseURL });
    expect(error.message).toContain(other);
  });

  test("on another host it adds no region hint", () => {
    const error = APIError.fromStatus({ code: 2049, statusMessage: "invalid api key", httpStatus: 200, baseURL: "http://127.0.0.1:4010" });
    expect(error.message).not.toContain("regional");
  });
});
