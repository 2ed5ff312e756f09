import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";

// The one-time code that proves a brand controls the consumer account it asked to share into. Made by the
// worker when the challenge run writes it into the lake; Postgres keeps only its SHA-256 hash.

// No 0/O, 1/I/L: read off a screen and typed by hand.
const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const GROUPS = 3;
const GROUP_LENGTH = 4;
/** What the entry field accepts, generously: the code with or without its hyphens and spaces. */
export const PROOF_CODE_INPUT_MAX = 40;

/** 12 characters from a 31-letter alphabet (~59 bits) with a CSPRNG, shown as XXXX-XXXX-XXXX. */
export function generateProofCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => alphabet[randomInt(alphabet.length)]).join(""),
  );
  return groups.join("-");
}

/** The form compared: upper case, separators dropped (what people add or lose when copying). */
export function normaliseProofCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_]/g, "");
}

export function hashProofCode(code: string): string {
  return createHash("sha256")
    .update(`floe-account-proof:${normaliseProofCode(code)}`)
    .digest("hex");
}

/** Constant-time comparison of an entered code with the stored hash. */
export function proofCodeMatches(input: string, storedHash: string): boolean {
  const entered = Buffer.from(hashProofCode(input), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return entered.length === stored.length && timingSafeEqual(entered, stored);
}
