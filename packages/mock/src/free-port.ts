import { createServer } from "node:net";

/**
 * Asks the OS for a port that is free on 127.0.0.1 right now.
 * Another process may take it before the caller binds it: callers retry on EADDRINUSE.
 */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no port was assigned"))));
    });
  });
}
