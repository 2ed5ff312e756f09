import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures, Stripe-style: `X-Floe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the
// HMAC key is the endpoint's secret and the signed message is `<t>.<raw body>`. Binding the timestamp into
// the MAC lets a receiver refuse replays older than a tolerance (default 5 minutes) without storing
// anything. Pure and dependency-free (node:crypto only) so a receiver can copy this file as it is.

export const SIGNATURE_HEADER = "x-floe-signature";
export const EVENT_HEADER = "x-floe-event";
export const DELIVERY_HEADER = "x-floe-delivery";
/** How far a signature's timestamp may be from the receiver's clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The header value for `body` signed at `timestampSeconds`. */
export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  if (!Number.isInteger(timestampSeconds) || timestampSeconds < 0) throw new Error("timestamp must be unix seconds");
  return `t=${timestampSeconds},v1=${mac(secret, timestampSeconds, body)}`;
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: "missing_header" | "malformed_header" | "timestamp_out_of_tolerance" | "signature_mismatch" };

/**
 * Checks a received webhook. `body` must be the raw request body, byte for byte (parse the JSON after this).
 * Several v1= entries are accepted (any may match), so a sender can sign with an old and a new secret.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  header: string | null | undefined;
  body: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!input.header) return { ok: false, reason: "missing_header" };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of input.header.split(",")) {
    const [key, value, ...rest] = part.trim().split("=");
    if (rest.length > 0 || value === undefined) return { ok: false, reason: "malformed_header" };
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: "malformed_header" };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS))
    return { ok: false, reason: "timestamp_out_of_tolerance" };
  const expected = Buffer.from(mac(input.secret, timestamp, input.body), "hex");
  const matches = signatures.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: "signature_mismatch" };
}
