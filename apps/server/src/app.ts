import { uploadPath, type MiniMaxFiles, type Purpose } from "@minimax-files/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { logger } from "hono/logger";
import { callerAuth } from "./caller-auth.js";
import { errorBody, statusCodes } from "./error-body.js";
import { answerUploadFailure } from "./upstream-failure.js";

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The core client holding the upstream key; every upload goes through it. */
  client: MiniMaxFiles;
  /** Bearer tokens callers must present. */
  callerTokens: readonly string[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Where request and failure lines go. Defaults to `console.error`. Never given a token or key. */
  log?: (line: string) => void;
}

/**
 * The HTTP app: `POST /minimax/v1/files/upload` with MiniMax's contract, answered through core
 * with the server's own upstream key, plus `GET /healthz`. Does not listen; see `startServer`.
 */
export function createApp(options: AppOptions): Hono {
  const log = options.log ?? ((line: string) => console.error(line));
  const app = new Hono();
  app.use(logger(log));

  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.post(
    uploadPath,
    callerAuth(options.callerTokens),
    bodyLimit({
      maxSize: options.maxBodyBytes,
      onError: (c) =>
        c.json(errorBody(statusCodes.invalidParameters, `request body too large (limit ${options.maxBodyBytes} bytes)`), 413),
    }),
    async (c) => {
      const form = await c.req.formData().catch(() => undefined);
      const purpose = form?.get("purpose");
      const file = form?.get("file");
      if (!form || typeof purpose !== "string" || !(file instanceof File)) {
        const problem = !form
          ? "the body is not multipart/form-data"
          : typeof purpose !== "string"
            ? "the purpose part is missing"
            : "the file part is missing or is not a file";
        return c.json(errorBody(statusCodes.invalidParameters, `invalid input parameters: ${problem}`), 422);
      }
      try {
        const uploaded = await options.client.upload(
          { file, purpose: purpose as Purpose, filename: file.name, contentType: file.type || undefined },
          { signal: c.req.raw.signal },
        );
        return c.json({ file: uploaded, base_resp: { status_code: 0, status_msg: "success" } }, 200);
      } catch (error) {
        return answerUploadFailure(c, error, log);
      }
    },
  );
  return app;
}
