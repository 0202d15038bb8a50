/**
 * The API the server implements: its own contract, made from the spec core is built from (shipped
 * in `@minimax-files/core/openapi.yaml`, see `server-contract.ts`): `GET /openapi.yaml`,
 * `GET /openapi.json`, and `GET /docs`, an API reference rendered by Swagger UI from files this
 * server serves itself (no CDN).
 * @module
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";
import { parse, stringify } from "yaml";
import { serverContract } from "./server-contract.js";

const require = createRequire(import.meta.url);

/** Swagger UI's files served under /docs/, by name, with their types. */
const assets: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>minimax-files server: API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const init = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });\n`;

/** Only this server's own files: no inline scripts, nothing from elsewhere. */
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";

/** The docs routes, reading the spec and Swagger UI's files once, at start. */
export function docsRoutes(): Hono {
  const contract = serverContract(parse(readFileSync(require.resolve("@minimax-files/core/openapi.yaml"), "utf8")));
  const yamlText = stringify(contract);
  const json = JSON.stringify(contract);
  const assetFolder = dirname(require.resolve("swagger-ui-dist/package.json"));
  const files = new Map(Object.entries(assets).map(([name, type]) => [name, { type, body: readFileSync(join(assetFolder, name)) }]));
  const routes = new Hono();
  routes.get("/openapi.yaml", (c) => c.body(yamlText, 200, { "Content-Type": "application/yaml; charset=utf-8" }));
  routes.get("/openapi.json", (c) => c.body(json, 200, { "Content-Type": "application/json; charset=utf-8" }));
  routes.get("/docs", (c) => c.html(page, 200, { "Content-Security-Policy": contentSecurityPolicy }));
  routes.get("/docs/init.js", (c) => c.body(init, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  routes.get("/docs/:file", (c) => {
    const file = files.get(c.req.param("file"));
    if (!file) return c.notFound();
    return c.body(file.body, 200, { "Content-Type": file.type, "Cache-Control": "public, max-age=86400" });
  });
  return routes;
}
