import { closeSync, openSync, writeSync } from "node:fs";
import { connect } from "node:net";

/**
 * The simplest fast download to a path Node allows, as a yardstick beside core's: a bare `net`
 * socket read into one reused 256 KiB buffer (`onread`), the answer's head parsed by hand
 * (`Content-Length` only: it serves the bench's content server, nothing else), each read written
 * with a synchronous write. No checks, no retries, no atomic rename. Resolves with the bytes written.
 */
export function socketDownload(url, target) {
  const { hostname, port, pathname, search } = new URL(url);
  const fd = openSync(target, "w");
  const buffer = Buffer.allocUnsafe(256 * 1024);
  return new Promise((resolve, reject) => {
    let head = "";
    let remaining = -1;
    let written = 0;
    const socket = connect({
      host: hostname,
      port: Number(port),
      onread: {
        buffer,
        callback: (count) => {
          let offset = 0;
          if (remaining < 0) {
            head += buffer.toString("latin1", 0, count);
            const end = head.indexOf("\r\n\r\n");
            if (end === -1) return true;
            remaining = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? Number.NaN);
            offset = count - (head.length - end - 4);
          }
          const bytes = Math.min(count - offset, remaining);
          for (let done = 0; done < bytes; ) done += writeSync(fd, buffer, offset + done, bytes - done, written + done);
          written += bytes;
          remaining -= bytes;
          if (remaining === 0) {
            socket.destroy();
            closeSync(fd);
            resolve(written);
          }
          return true;
        },
      },
    });
    socket.once("error", (error) => {
      closeSync(fd);
      reject(error);
    });
    socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
  });
}
