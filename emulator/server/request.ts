// Reading requests: body (gzip sniffed by magic bytes — the SDK's Content-Encoding header does not
// always match the body), JSON parsing, and the plumbing every route shares.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class BadRequest extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch {
      throw new BadRequest("body starts like gzip but does not inflate");
    }
  }
  return raw;
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new BadRequest("request body is not valid JSON");
  }
}

export type RequestContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Aborted when the client goes away or the server shuts down. */
  signal: AbortSignal;
};

/** Resolves after ms, or early (without error) when the signal aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export const isLoopback = (address: string | undefined) =>
  address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
