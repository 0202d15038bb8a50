/**
 * `GET /record`: a static recording page (no framework) served when enabled: record from the
 * microphone with MediaRecorder, see the duration and a level meter, check the duration, convert
 * to WAV with the browser's own decoder (core's `toWav`), upload through this server with a
 * progress bar, and see the `file_id` or a clear error. The page reads an upload token from its
 * address (`/record#token=…`, minted by your backend with `POST /v1/upload-tokens`).
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";

/** The package's folder (the page's files are in `record/`, core's browser bundle in `dist/record/`). */
function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "package.json"))) folder = dirname(folder);
  return folder;
}

const types: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/** Only this server's own files; the microphone for this origin only. */
const headers = {
  "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; media-src 'self' blob:; connect-src 'self'",
  "Permissions-Policy": "microphone=(self)",
};

/** The page's routes, reading its files once, at start. */
export function recordRoutes(): Hono {
  const root = packageRoot();
  const files = new Map<string, string>([
    ["index.html", readFileSync(join(root, "record/index.html"), "utf8")],
    ["record.js", readFileSync(join(root, "record/record.js"), "utf8")],
    ["record.css", readFileSync(join(root, "record/record.css"), "utf8")],
    ["core.js", readFileSync(join(root, "dist/record/core.js"), "utf8")],
  ]);
  const serve = (name: string) => {
    const body = files.get(name)!;
    const type = types[name.split(".").pop()!]!;
    return new Response(body, { headers: { "Content-Type": type, ...headers } });
  };
  const routes = new Hono();
  routes.get("/record", () => serve("index.html"));
  routes.get("/record/:file", (c) =>
    files.has(c.req.param("file")) && c.req.param("file") !== "index.html" ? serve(c.req.param("file")) : c.notFound(),
  );
  return routes;
}
