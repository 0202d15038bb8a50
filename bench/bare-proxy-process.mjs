// The simplest possible server hop, as a yardstick for the real server: node:http piping each
// request's body to the upstream as it arrives, with no parsing, no checks and the caller's own
// Content-Length. Not a product: it forwards any request and authenticates nothing.
import { createServer, request } from "node:http";

const upstream = new URL(process.env.MINIMAX_BASE_URL);
const server = createServer((incoming, answer) => {
  const outgoing = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers: { ...incoming.headers, host: upstream.host },
    },
    (upstreamAnswer) => {
      answer.writeHead(upstreamAnswer.statusCode, upstreamAnswer.headers);
      upstreamAnswer.pipe(answer);
    },
  );
  incoming.pipe(outgoing);
});
server.listen(0, "127.0.0.1", () => console.log(`bare proxy listening on http://127.0.0.1:${server.address().port}`));
process.once("SIGTERM", () => process.exit(0));
