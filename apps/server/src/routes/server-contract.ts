/**
 * The contract this server implements, as `/openapi.json`, `/openapi.yaml` and `/docs` show it:
 * the spec core ships (the upstream's contract), made the server's own. This server is the only
 * server (so "Try it out" sends a caller token here, never to MiniMax), the bearer token is a
 * caller or upload token, every route is listed (the file operations at their direct paths too,
 * and `POST /v1/upload-tokens`), and every operation documents the answers the server adds.
 * @module
 */

type Operation = { responses?: Record<string, unknown>; tags?: string[]; operationId?: string; summary?: string };
type Spec = {
  info: Record<string, unknown>;
  servers?: unknown;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, Record<string, unknown>> } & Record<string, unknown>;
};

/** The statuses the server answers itself besides the spec's, taken from the upload operation that documents them. */
const serverStatuses = ["401", "408", "413", "429", "500", "502", "503", "504"];

/** The server's contract, from the upstream spec (a plain object; not modified). */
export function serverContract(upstream: unknown): Spec {
  const spec = structuredClone(upstream) as Spec;
  spec.info = {
    ...spec.info,
    title: "minimax-files server",
    description:
      "MiniMax's Files API through this server, which holds the MiniMax key: authenticate with a caller token of this server " +
      "(or an upload token from `POST /v1/upload-tokens`), never a MiniMax key. Each caller sees and deletes only the files it " +
      "uploaded; any other id is answered as a file that does not exist. Every route is also served at MiniMax's direct path " +
      "(`/v1/files/...`).",
  };
  spec.servers = [{ url: "/", description: "this server" }];
  spec.components.securitySchemes = {
    bearerAuth: {
      type: "http",
      scheme: "bearer",
      description: "`Authorization: Bearer <caller token>`: a token of this server's callers, or an upload token it minted.",
    },
  };
  const upload = spec.paths["/minimax/v1/files/upload"]?.["post"];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const operation of Object.values(item)) {
      operation.responses ??= {};
      for (const status of serverStatuses) {
        const documented = upload?.responses?.[status];
        if (documented && !operation.responses[status]) operation.responses[status] = documented;
      }
    }
    // MiniMax's direct path serves the same operation here.
    const direct = path.replace(/^\/minimax(?=\/v1\/)/, "");
    if (direct !== path)
      spec.paths[direct] = Object.fromEntries(
        Object.entries(item).map(([method, operation]) => [
          method,
          { ...operation, operationId: `${operation.operationId}Direct`, summary: `${operation.summary} (MiniMax's direct path)` },
        ]),
      );
  }
  spec.paths["/v1/upload-tokens"] = { post: uploadTokensOperation() };
  return spec;
}

function uploadTokensOperation(): Operation {
  return {
    operationId: "mintUploadToken",
    tags: ["files"],
    summary: "Mint a short-lived upload token for a web page",
    description:
      "With a caller token: returns a signed token that lets a page upload one purpose, up to a size, until it expires, as this " +
      "caller (what it uploads is the caller's). 404 when upload tokens are not enabled (MINIMAX_FILES_UPLOAD_TOKEN_SECRET).",
    requestBody: {
      required: false,
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: {
              purpose: { $ref: "#/components/schemas/Purpose" },
              maxBytes: { type: "integer", minimum: 1 },
              expiresInSeconds: { type: "integer", minimum: 1, maximum: 3600, default: 300 },
            },
          },
        },
      },
    },
    responses: {
      "201": {
        description: "The token, and what it allows.",
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["token", "purpose", "maxBytes", "expiresAt"],
              properties: {
                token: { type: "string" },
                purpose: { $ref: "#/components/schemas/Purpose" },
                maxBytes: { type: "integer" },
                expiresAt: { type: "string", format: "date-time" },
              },
            },
          },
        },
      },
      "400": { description: "The body is not JSON, or asks for more than the server allows." },
      "401": { description: "No caller token, or not one of this server's." },
      "404": { description: "Upload tokens are not enabled on this server." },
    },
  } as Operation;
}
