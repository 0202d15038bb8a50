/**
 * zod schemas of what the file endpoints send, mirroring `spec/openapi.yaml`.
 * `test/schema.test-d.ts` fails to compile when these and the generated types drift apart.
 * @module
 */
import { z } from "zod";
import { cloneModelValues, deletePurposeValues, listPurposeValues, purposeValues } from "./generated/openapi.js";

/** `purpose` values the endpoint accepts: the spec's enum, as generated (a purpose added there reaches here, and the CLI, with no edit). */
export const purposeSchema = z.enum(purposeValues as readonly [(typeof purposeValues)[number], ...(typeof purposeValues)[number][]]);

/** `purpose` values `list` accepts (the spec's enum). */
export const listPurposeSchema = z.enum(
  listPurposeValues as readonly [(typeof listPurposeValues)[number], ...(typeof listPurposeValues)[number][]],
);

/** `purpose` values `delete` accepts (the spec's enum). */
export const deletePurposeSchema = z.enum(
  deletePurposeValues as readonly [(typeof deletePurposeValues)[number], ...(typeof deletePurposeValues)[number][]],
);

/**
 * `file_id` as sent: an integer or a string. Every numeric id reaches here as its digits (see
 * `json.ts`), so the string comes first: a union tries its options in order, and a failed one
 * costs an issue per id.
 */
export const fileIdWireSchema = z.union([z.string().min(1), z.number().int()]);

/** `base_resp`: 0 for success, any other code for an error. */
export const baseRespSchema = z.object({
  status_code: z.number().int(),
  status_msg: z.string(),
});

/** The `file` object of a successful answer. */
export const uploadedFileWireSchema = z.object({
  file_id: fileIdWireSchema.exactOptional(),
  bytes: z.number().int().exactOptional(),
  created_at: z.number().int().exactOptional(),
  filename: z.string().exactOptional(),
  purpose: z.string().exactOptional(),
});

/** The 200 answer's body. */
export const uploadResponseWireSchema = z.object({
  file: uploadedFileWireSchema.exactOptional(),
  base_resp: baseRespSchema,
});

/** Body of the non-200 answers the spec documents (401, 413, 422, 502). */
export const errorResponseWireSchema = z.object({
  base_resp: baseRespSchema,
});

/** The `list` answer's body. */
export const listResponseWireSchema = z.object({
  files: z.array(uploadedFileWireSchema).exactOptional(),
  base_resp: baseRespSchema,
});

/** The `file` object of `retrieve`: the uploaded file's fields and, when offered, a download URL. */
export const storedFileWireSchema = uploadedFileWireSchema.extend({ download_url: z.string().exactOptional() });

/** The `retrieve` answer's body. */
export const retrieveResponseWireSchema = z.object({
  file: storedFileWireSchema.exactOptional(),
  base_resp: baseRespSchema,
});

/** The `delete` answer's body. */
export const deleteResponseWireSchema = z.object({
  file_id: fileIdWireSchema.exactOptional(),
  base_resp: baseRespSchema,
});

/** The `voice_clone` answer's body. */
export const voiceCloneResponseWireSchema = z.object({
  input_sensitive: z.boolean().exactOptional(),
  input_sensitive_type: z.number().int().exactOptional(),
  demo_audio: z.string().exactOptional(),
  extra_info: z.record(z.string(), z.unknown()).exactOptional(),
  base_resp: baseRespSchema,
});

/** The models that can read a clone's preview (the spec's enum). */
export const cloneModelSchema = z.enum(
  cloneModelValues as readonly [(typeof cloneModelValues)[number], ...(typeof cloneModelValues)[number][]],
);
