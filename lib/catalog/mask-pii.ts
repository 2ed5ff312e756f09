// Masks PII cells of sample rows on the server, before they are cached or sent anywhere: a preview shows
// what a column looks like, never whose data it is. The shape survives (an email still reads as an email,
// an array stays an array with as many items, an object keeps its keys) so the preview stays useful.
// Pure.
import type { JsonValue } from "./schema-preview.schema";
import { toJsonSafe } from "./to-json-safe";

export const MASK = "•••";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/** `jane.doe@example.com` → `j•••@e•••.com`: first letters and top-level domain only. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const labels = domain.split(".");
  const tld = labels[labels.length - 1];
  return `${firstChar(local)}${MASK}@${firstChar(labels[0])}${MASK}.${tld}`;
}

// Whole code points, so an emoji or accented first letter is not cut in half.
const firstChar = (text: string): string => [...text][0] ?? "";

export function isEmailLike(text: string): boolean {
  return text.length <= 320 && EMAIL.test(text.trim());
}

/**
 * The masked form of one PII cell. Nulls stay null (that a value is missing is not personal data and is
 * useful to see); every scalar becomes MASK; emails keep their outline.
 */
export function maskPiiValue(value: unknown): JsonValue {
  return maskJson(toJsonSafe(value), 0);
}

function maskJson(value: JsonValue, depth: number): JsonValue {
  if (value === null) return null;
  if (typeof value === "string") return isEmailLike(value) ? maskEmail(value.trim()) : MASK;
  if (typeof value === "number" || typeof value === "boolean") return MASK;
  if (depth > 8) return MASK;
  if (Array.isArray(value)) return value.map((v) => maskJson(v, depth + 1));
  // Keys are kept (they are the shape), except the odd key that is itself an email address.
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [isEmailLike(k) ? maskEmail(k.trim()) : k, maskJson(v, depth + 1)]),
  );
}
