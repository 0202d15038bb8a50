import { isNullBodyStatus } from "./null-body.js";

/**
 * A `fetch` for browsers built on XMLHttpRequest, because fetch reports no upload progress. It
 * sends `body` (the request's own body is ignored: browsers cannot stream it over HTTP/1.1) and
 * reports `xhr.upload` progress.
 */
export function xhrFetch(body: Blob, onUploadProgress: (sentBytes: number) => void): (request: Request) => Promise<Response> {
  return (request) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      xhr.responseType = "arraybuffer";
      request.headers.forEach((value, name) => {
        xhr.setRequestHeader(name, value);
      });
      xhr.upload.onprogress = (event) => onUploadProgress(event.loaded);
      xhr.onload = () => {
        resolve(
          new Response(isNullBodyStatus(xhr.status) ? null : (xhr.response as ArrayBuffer), {
            status: xhr.status,
            statusText: xhr.statusText,
            headers: parseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError("Network request failed"));
      xhr.ontimeout = () => reject(new TypeError("Network request timed out"));
      xhr.onabort = () => reject(request.signal.reason ?? new DOMException("The upload was aborted", "AbortError"));
      if (request.signal.aborted) return xhr.onabort(new ProgressEvent("abort"));
      request.signal.addEventListener("abort", () => xhr.abort(), { once: true });
      xhr.send(body);
    });
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}
