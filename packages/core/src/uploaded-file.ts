import type { components } from "./generated/openapi.js";

/**
 * A file id exactly as MiniMax sent it. MiniMax documents ids as integers, but they exceed
 * 2^53 (e.g. `123456789012345678`), which a JavaScript number cannot hold: a numeric id is
 * returned as the string of its digits, never passed through a number. Pass it on as a string
 * (or `BigInt(fileId)` if arithmetic is really needed); do not use `Number(fileId)`.
 */
export type FileId = string;

/**
 * What MiniMax stored, from a successful upload's `file` object: the spec's `UploadedFile`
 * (generated from `spec/openapi.yaml`, so a field added there appears here) with `file_id`
 * required and exact.
 */
export interface UploadedFile extends Omit<components["schemas"]["UploadedFile"], "file_id"> {
  /** The id the voice-clone call takes next, exact (see {@link FileId}). */
  file_id: FileId;
}

/** A file's record as `retrieve` gives it: the uploaded file's fields and, when MiniMax offers one, a `download_url` (it expires). */
export interface StoredFile extends Omit<components["schemas"]["StoredFile"], "file_id"> {
  /** The file's id, exact (see {@link FileId}). */
  file_id: FileId;
}

/** What `delete` answers: the id of the file that was deleted. */
export interface DeletedFile {
  /** The id, exact (see {@link FileId}). */
  file_id: FileId;
  /**
   * True when a retried delete found the file already gone after an earlier attempt got no
   * answer: that attempt deleted it (checked with `retrieve`).
   */
  deletedByEarlierAttempt?: boolean | undefined;
}

/**
 * `file`, whose `file_id` the caller has checked is there, with that id as digits: the same
 * object when it already is a string (every id the client parses is: see `json.ts`), else a copy
 * with the number written out.
 */
export function withDigitsId<File extends { file_id?: string | number | undefined }>(
  file: File,
): Omit<File, "file_id"> & { file_id: FileId } {
  return typeof file.file_id === "string" ? (file as File & { file_id: string }) : { ...file, file_id: String(file.file_id) };
}
