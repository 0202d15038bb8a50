/** First read: small, so a small file's reads and writes overlap at once. */
const firstChunkBytes = 256 * 1024;
/** Reads double up to this: large chunks halve the time fetch spends per byte (see bench/). */
const maxChunkBytes = 2 * 1024 * 1024;

/**
 * Streams the first `size` bytes of a file through a FileHandle, in chunks growing from 256 KiB
 * to 2 MiB: about twice as fast as `Blob.stream()` on a file-backed Blob, in the same constant
 * memory. Node only; the module is loaded lazily with the other Node-only sources.
 */
export function fileStream(path: string, size: number): ReadableStream<Uint8Array> {
  let handle: import("node:fs/promises").FileHandle | undefined;
  let position = 0;
  let chunkBytes = firstChunkBytes;
  const close = async () => {
    const open = handle;
    handle = undefined;
    await open?.close();
  };
  return new ReadableStream<Uint8Array>({
    async start() {
      const { open } = await import("node:fs/promises");
      handle = await open(path, "r");
    },
    async pull(controller) {
      try {
        const wanted = Math.min(chunkBytes, size - position);
        const buffer = new Uint8Array(Math.max(wanted, 0));
        const { bytesRead } = wanted > 0 && handle ? await handle.read(buffer, 0, wanted, position) : { bytesRead: 0 };
        if (bytesRead === 0) {
          await close();
          return controller.close();
        }
        position += bytesRead;
        chunkBytes = Math.min(chunkBytes * 2, maxChunkBytes);
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await close();
        throw error;
      }
    },
    cancel: close,
  });
}
