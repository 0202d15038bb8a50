import { createServer } from "node:http";

/**
 * A local sink on 127.0.0.1 that reads every byte of each request body, counts it and answers
 * MiniMax's success JSON. Not Prism: Prism buffers bodies and refuses those over 10 MB.
 */
export async function startSink() {
  let lastBodyBytes = 0;
  const server = createServer((request, response) => {
    let bytes = 0;
    request.on("data", (chunk) => (bytes += chunk.length));
    request.on("end", () => {
      lastBodyBytes = bytes;
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ file: { file_id: 1, bytes }, base_resp: { status_code: 0, status_msg: "success" } }));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    lastBodyBytes: () => lastBodyBytes,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
