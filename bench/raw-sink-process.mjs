// The cheapest sink that still answers like MiniMax, so that what the bench measures is the
// client, not the sink: a raw `net` server that reads each request's head, counts its body
// (Content-Length or chunked) without parsing or keeping it, and answers MiniMax's JSON for the
// path (upload, list, retrieve), keeping the connection alive. Not a general HTTP server: it
// serves the bench's own clients. Usage: node raw-sink-process.mjs → prints "raw sink listening on <url>"
import { createServer } from "node:net";

const ok = { status_code: 0, status_msg: "success" };
const stored = { file_id: 1, bytes: 102400, created_at: 1700000000, filename: "voice.wav", purpose: "voice_clone" };
const answers = {
  "/minimax/v1/files/list": JSON.stringify({ files: [stored, { ...stored, file_id: 2 }], base_resp: ok }),
  "/minimax/v1/files/retrieve": JSON.stringify({ file: { ...stored, download_url: "http://127.0.0.1/voice.wav" }, base_resp: ok }),
};
const answer = (path, bodyBytes) => {
  const json = answers[path] ?? JSON.stringify({ file: { ...stored, bytes: bodyBytes }, base_resp: ok });
  const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n`;
  return `${head}Connection: keep-alive\r\n\r\n${json}`;
};

const server = createServer((socket) => {
  let head = ""; // the request head so far (text), while no body is being read
  let path = "";
  let remaining = 0; // body bytes still to come (Content-Length), or of the current chunk
  let chunked = false;
  let chunkLine = ""; // a chunk-size line (or the CRLF after a chunk) still being read
  let afterChunk = 0; // CRLF bytes to skip after a chunk's data
  let bodyBytes = 0;
  let inBody = false;
  const finish = () => {
    socket.write(answer(path, bodyBytes));
    inBody = false;
    head = "";
  };
  socket.on("data", (data) => {
    let offset = 0;
    while (offset < data.length) {
      if (!inBody) {
        const end = data.indexOf("\r\n\r\n", offset, "latin1");
        if (end === -1 && head.length + data.length - offset > 64 * 1024) return socket.destroy();
        head += data.toString("latin1", offset, end === -1 ? data.length : end + 4);
        if (end === -1) return;
        offset = end + 4;
        // (a chunked body's last CRLF arrives before the next request's head)
        const [requestLine, ...lines] = head.replace(/^(\r\n)+/, "").split("\r\n");
        path = requestLine.split(" ")[1]?.split("?")[0] ?? "";
        const header = (name) =>
          lines
            .find((line) => line.toLowerCase().startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        // curl asks before sending a large body, and waits a second for the answer
        if (/100-continue/i.test(header("expect") ?? "")) socket.write("HTTP/1.1 100 Continue\r\n\r\n");
        chunked = /chunked/i.test(header("transfer-encoding") ?? "");
        remaining = chunked ? 0 : Number(header("content-length") ?? 0);
        chunkLine = "";
        afterChunk = 0;
        bodyBytes = 0;
        inBody = true;
        if (!chunked && remaining === 0) finish();
        continue;
      }
      if (!chunked) {
        const take = Math.min(remaining, data.length - offset);
        remaining -= take;
        bodyBytes += take;
        offset += take;
        if (remaining === 0) finish();
        continue;
      }
      if (afterChunk > 0) {
        const take = Math.min(afterChunk, data.length - offset);
        afterChunk -= take;
        offset += take;
        continue;
      }
      if (remaining > 0) {
        const take = Math.min(remaining, data.length - offset);
        remaining -= take;
        bodyBytes += take;
        offset += take;
        if (remaining === 0) afterChunk = 2;
        continue;
      }
      const lineEnd = data.indexOf("\r\n", offset, "latin1");
      chunkLine += data.toString("latin1", offset, lineEnd === -1 ? data.length : lineEnd);
      if (lineEnd === -1) return;
      offset = lineEnd + 2;
      remaining = Number.parseInt(chunkLine, 16);
      chunkLine = "";
      if (remaining === 0) finish(); // the CRLF after the last chunk is skipped with the next head (no trailers from these clients)
    }
  });
  socket.on("error", () => {});
});
server.listen(0, "127.0.0.1", () => console.log(`raw sink listening on http://127.0.0.1:${server.address().port}`));
process.once("SIGTERM", () => process.exit(0));
