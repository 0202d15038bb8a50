import { afterEach, expect, test, vi } from "vitest";
import { chooseTransport } from "../src/transport/choose-transport.js";

afterEach(() => vi.unstubAllGlobals());

test("in Node: its own node:http path, unless the caller gives a fetch, which then gets a streamed body", () => {
  expect(chooseTransport(undefined, 1024).name).toBe("node");
  expect(chooseTransport(fetch, 1024).name).toBe("fetch");
});

test("where request bodies cannot be streamed (browsers): a Blob body, whatever fetch is given", () => {
  vi.stubGlobal("process", { ...process, versions: {} });
  expect(chooseTransport(undefined, 1024).name).toBe("browser");
  expect(chooseTransport(fetch, 1024).name).toBe("browser");
});
