import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config";

// A reader account's admin password at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the app's secret
// (NEXTAUTH_SECRET, lib/config), with its own info string so the key serves this purpose only. Stored as
// base64url `iv.tag.ciphertext`; the row is erased once the single-use link shows the password. Rotating the app
// secret makes an undelivered password unreadable: staff then reset it (lib/reader-accounts/reset-credentials.ts).

const INFO = "floe reader-account admin password v1";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", getConfig().authSecret, "floe", INFO, 32));
}

export function sealPassword(password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(password, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function openPassword(sealed: string): string {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !body) throw new Error("A sealed reader password has three parts");
  const decipher = createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

/**
 * 24 characters from an alphabet without look-alikes, plus one of each class the default Snowflake password policy
 * asks for (upper, lower, digit; length ≥ 8): about 140 bits.
 */
export function generateReaderPassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(24);
  const body = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${body}Aa7`;
}
