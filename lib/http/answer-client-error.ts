// Node refuses a request it cannot parse before any listener sees it: a NUL or another control character in
// a header value (an Idempotency-Key, say) or in the request line, a malformed chunk. Unless the server
// handles `clientError`, it answers with a bare status line and no body. The production web server
// (scripts/web.ts) hands those errors to this, so that such a refusal carries the documented error body too.
import type { Duplex } from "node:stream";
import { errorAnswer } from "./error-response";
import { AppError } from "./errors";

// Node's own answers to these, kept: none of them is a refusal of the request's content.
const NODE_ANSWERS: Partial<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n",
  ERR_HTTP_REQUEST_TIMEOUT: "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n",
};

/** A `clientError` listener: Node's answer to a request it could not parse, with the documented body. */
export function answerClientError(error: Error & { code?: string; reason?: string }, socket: Duplex): void {
  // Node checks this field too: while the answer to an earlier request on the connection is under way,
  // writing another would corrupt what the peer reads, so the connection is only closed.
  const answering = (socket as Duplex & { _httpMessage?: unknown })._httpMessage;
  if (!socket.writable || answering || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  socket.end(NODE_ANSWERS[error.code ?? ""] ?? badRequest(error.reason), () => socket.destroy());
}

function badRequest(reason: string | undefined): string {
  const { status, body } = errorAnswer(new AppError("bad_request", reason ? `The request is not valid HTTP: ${reason}` : "The request is not valid HTTP"));
  const json = JSON.stringify(body);
  return `HTTP/1.1 ${status} Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`;
}
