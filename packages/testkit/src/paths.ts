/** Where the repository's spec lives, seen from this package's source or build. */
import { fileURLToPath } from "node:url";

/** Absolute path of `spec/openapi.yaml` at the repository root. */
export const specPath: string = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));

/** The documented gateway path of the upload operation. */
export const uploadPath = "/minimax/v1/files/upload";
