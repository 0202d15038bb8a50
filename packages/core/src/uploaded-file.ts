/**
 * A file id exactly as MiniMax sent it. MiniMax documents ids as integers, but they exceed
 * 2^53 (e.g. `123456789012345678`), which a JavaScript number cannot hold: a numeric id is
 * returned as the string of its digits, never passed through a number. Pass it on as a string
 * (or `BigInt(fileId)` if arithmetic is really needed); do not use `Number(fileId)`.
 */
export type FileId = string;

/** What MiniMax stored, from a successful upload's `file` object. */
export interface UploadedFile {
  /** The id the voice-clone call takes next, exact (see {@link FileId}). */
  file_id: FileId;
  /** Stored size in bytes. */
  bytes?: number;
  /** Unix time in seconds when the file was created. */
  created_at?: number;
  /** The filename the upload was sent with. */
  filename?: string;
  /** The purpose the file was uploaded for. */
  purpose?: string;
}
