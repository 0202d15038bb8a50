/**
 * The read buffers of Node's upload path, kept for the next upload once the socket took their
 * bytes: a fresh 1 MiB (or even 100 KB) buffer costs an allocation and a page fault per page
 * touched, 15–40 µs of a small upload's path measured, where a kept one costs neither. Shared by
 * every client of the process; at most {@link mostKept} are kept. Only what was just read into a
 * buffer is ever sent from it (`subarray(0, bytesRead)`), so what it held before never leaves.
 * A buffer goes back when its last write's callback has run: the assumption the send already made
 * when it refilled a buffer within one upload (node:http writes a chunk out, or copies it, first).
 * @module
 */

/** Read size on Node's upload path (see `file-source.ts`). */
export const chunkBytes = 1024 * 1024;
/** Buffers kept at most: 4 MiB. */
const mostKept = 4;
const kept: Buffer[] = [];

/** A buffer of {@link chunkBytes}: a kept one, else a new one. */
export function takeChunk(): Buffer {
  return kept.pop() ?? Buffer.allocUnsafe(chunkBytes);
}

/** Gives `buffer` back once nothing will read or write it again (its write's callback has run). */
export function giveBackChunk(buffer: Buffer): void {
  if (kept.length < mostKept && buffer.length === chunkBytes && !kept.includes(buffer)) kept.push(buffer);
}

/** How many buffers are kept (for tests). */
export function keptChunks(): number {
  return kept.length;
}
