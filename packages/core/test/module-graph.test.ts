/**
 * Core's modules form no import cycle (static, dynamic or type-only), and its layers point one
 * way: `sources/` (reading bytes) knows nothing of `audio/` (the checks) or `transport/` (sending),
 * `transport/` nothing of `audio/`. Read from the source files themselves.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const src = fileURLToPath(new URL("../src", import.meta.url));
const files = (readdirSync(src, { recursive: true }) as string[]).filter((path) => path.endsWith(".ts")).map((path) => join(src, path));

/** Every module a file imports, as a path relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(src, resolve(dirname(file), specifier.replace(/\.js$/, ".ts"))));
}

const graph = new Map(files.map((file) => [relative(src, file), importsOf(file)]));

test("no module imports itself through others", () => {
  // The graph holds dynamic imports too (preflight loads the conversion only when asked for).
  expect(graph.get("audio/preflight.ts")).toContain("audio/check-converting.ts");
  const cycles: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "visiting") {
      cycles.push([...path.slice(path.indexOf(node)), node].join(" → "));
      return;
    }
    state.set(node, "visiting");
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, "done");
  };
  for (const node of graph.keys()) visit(node, []);
  expect(cycles).toEqual([]);
});

test.each([
  ["sources", ["audio", "transport", "files", "engine"]],
  ["transport", ["audio", "files", "engine"]],
  ["audio", ["transport", "files", "engine"]],
  ["engine", ["files", "audio", "sources", "transport"]],
])("%s/ imports nothing from %j", (folder, forbidden) => {
  const crossings = [...graph]
    .filter(([file]) => file.startsWith(`${folder}/`))
    .flatMap(([file, imports]) =>
      imports.filter((target) => forbidden.some((other) => target.startsWith(`${other}/`))).map((target) => `${file} → ${target}`),
    );
  expect(crossings).toEqual([]);
});
