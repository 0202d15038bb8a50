/**
 * Ties the zod schemas to the types generated from spec/openapi.yaml: when either side changes
 * without the other, `pnpm typecheck` (part of `pnpm test`) fails to compile this file.
 */
import { expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type { components } from "../src/generated/openapi.js";
import type {
  baseRespSchema,
  errorResponseWireSchema,
  fileIdWireSchema,
  purposeSchema,
  uploadedFileWireSchema,
  uploadResponseWireSchema,
} from "../src/response-schema.js";
import type { UploadedFile } from "../src/uploaded-file.js";

type Schemas = components["schemas"];

test("zod schemas accept exactly what the spec describes", () => {
  expectTypeOf<z.input<typeof purposeSchema>>().toEqualTypeOf<Schemas["Purpose"]>();
  expectTypeOf<z.input<typeof fileIdWireSchema>>().toEqualTypeOf<Schemas["FileId"]>();
  expectTypeOf<z.input<typeof baseRespSchema>>().toEqualTypeOf<Schemas["BaseResp"]>();
  expectTypeOf<z.input<typeof uploadedFileWireSchema>>().toEqualTypeOf<Schemas["UploadedFile"]>();
  expectTypeOf<z.input<typeof uploadResponseWireSchema>>().toEqualTypeOf<Schemas["UploadResponse"]>();
  expectTypeOf<z.input<typeof errorResponseWireSchema>>().toEqualTypeOf<Schemas["ErrorResponse"]>();
});

test("the public UploadedFile is the spec's file object with a required, exact string id: the same keys, optional ones included", () => {
  type SpecFileWithStringId = Omit<Schemas["UploadedFile"], "file_id"> & { file_id: string };
  expectTypeOf<Required<UploadedFile>>().toEqualTypeOf<Required<SpecFileWithStringId>>();
  expectTypeOf<keyof UploadedFile>().toEqualTypeOf<keyof Schemas["UploadedFile"]>();
});
