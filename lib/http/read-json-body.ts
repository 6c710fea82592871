// Reads a JSON request body with a hard size cap, whether or not the client sent Content-Length: from a Web
// Request (Next's route handlers) or from Node's IncomingMessage (the production server's fast path,
// lib/http/fast-path-listener.ts), with the same refusals. What it answers is safe to hand to recursive code
// and to PostgreSQL: nested at most maxJsonDepth() deep, and without text PostgreSQL cannot store.
import type { IncomingMessage } from "node:http";
import { AppError } from "./errors";
import { exceedsJsonDepth, maxJsonDepth } from "./json-depth";
import { refuseUnstorableText } from "./storable-text";

export const MAX_BODY_BYTES = 1024 * 1024;

export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  return parseJsonBytes(await readBodyBytes(request, maxBytes));
}

export async function readNodeJsonBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  return parseJsonBytes(await readNodeBodyBytes(request, maxBytes));
}

/** The body's exact bytes (what webhook signatures are computed over), with the same cap and refusals. */
export async function readBodyBytes(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  refuseDeclaredTooLarge(request.headers.get("content-length"), maxBytes);
  return readBytesCapped(request, maxBytes);
}

export async function readNodeBodyBytes(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  refuseDeclaredTooLarge(request.headers["content-length"] ?? null, maxBytes);
  return readNodeBytesCapped(request, maxBytes);
}

function refuseDeclaredTooLarge(contentLength: string | null, maxBytes: number): void {
  if (Number(contentLength ?? NaN) > maxBytes) throw tooLarge(maxBytes);
}

const utf8 = new TextDecoder();

/** A body's bytes as JSON, with readJsonBody's refusals (an empty body included), for a route that read them itself. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  const text = utf8.decode(bytes);
  if (text.trim() === "") throw new AppError("invalid_json", "The request body is empty; send a JSON document");
  const maxDepth = maxJsonDepth();
  if (exceedsJsonDepth(text, maxDepth)) {
    throw new AppError("invalid_json", `The request body nests arrays and objects more than ${maxDepth} levels deep`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_json", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (UNSTORABLE_ESCAPE.test(text)) refuseUnstorableText(value, "body");
  return value;
}

// The text was decoded from UTF-8, so it holds no lone surrogate, and JSON allows no raw NUL: the parsed value
// can hold text PostgreSQL cannot store only if the text has a \u0000 or \uD800–\uDFFF escape. Looking for one
// first spares the walk over every parsed value, which costs some forty times this test on a large body.
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

async function readBytesCapped(request: Request, maxBytes: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      throw connectionClosed();
    }
    const { done, value } = read;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Events rather than async iteration: leaving a `for await` early destroys the request, and with it the
 * socket the 413 must go out on. Past the cap, the rest of the body is left to Node, which discards it.
 */
function readNodeBytesCapped(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (outcome: () => void) => {
      request.off("data", onData).off("end", onEnd).off("error", onClosed).off("close", onClosed);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) settle(() => reject(tooLarge(maxBytes)));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, total)));
    const onClosed = () => settle(() => reject(connectionClosed()));
    request.on("data", onData).on("end", onEnd).on("error", onClosed).on("close", onClosed);
  });
}

// The client went away mid-body (ECONNRESET, "aborted"): its fault, not a server error to log.
function connectionClosed(): AppError {
  return new AppError("bad_request", "The request body could not be read: the connection closed before it ended");
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${maxBytes / 1024 / 1024} MiB`);
}
