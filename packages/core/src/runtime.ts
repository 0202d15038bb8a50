/**
 * Whether `fetch` here can send a streamed request body over HTTP/1.1 (`duplex: "half"`):
 * true in Node.js (and runtimes that present themselves as it); browsers require HTTP/2 for
 * that, so there the body is sent as a Blob instead.
 */
export function canStreamRequestBodies(): boolean {
  const versions = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions;
  return typeof versions?.node === "string";
}
