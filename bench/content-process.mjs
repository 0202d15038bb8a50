// A content server in a process of its own: answers `retrieve_content?file_id=<n>` with the bytes of
// the n-th file named on the command line, streamed from disk, as MiniMax sends a file's content.
// Usage: node content-process.mjs <file>...   → prints "content listening on <url>"
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";

const files = process.argv.slice(2);
const server = createServer((request, response) => {
  const id = Number(new URL(request.url ?? "/", "http://x").searchParams.get("file_id"));
  const path = files[id - 1];
  if (!path)
    return response.writeHead(200, { "Content-Type": "application/json" }).end('{"base_resp":{"status_code":2013,"status_msg":"no"}}');
  response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": statSync(path).size });
  createReadStream(path).pipe(response);
});
server.listen(0, "127.0.0.1", () => console.log(`content listening on http://127.0.0.1:${server.address().port}`));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
