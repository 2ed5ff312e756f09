// Request bodies are read only through here, bounded: a declared Content-Length over the limit is refused
// without reading anything, and a body without one (chunked) is read until it passes the limit, then the
// stream is cancelled. Route handlers call it before any parsing or query (lib/auth/route-guards.ts, the
// next-auth route), so a 60 MB body never reaches zod, next-auth or PostgreSQL.
import { ROUTE_BODY_MAX_BYTES } from "@/lib/limits";

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/** The body's bytes (null when there is none), or BodyTooLargeError. */
export async function readBodyWithin(request: Request, limitBytes = ROUTE_BODY_MAX_BYTES): Promise<Uint8Array | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d{1,15}$/.test(declared.trim()) || Number(declared) > limitBytes))
    throw new BodyTooLargeError(limitBytes);
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function payloadTooLargeResponse(error: BodyTooLargeError): Response {
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: error.message } },
    { status: 413, headers: { Connection: "close" } },
  );
}
