// The admin API's bearer token: random per start, so only what can read the data dir (the scripts that
// started it, the CLI, tests) can read the query log (statements and binds) or inject faults. Written
// 0600 next to the store; scripts read it from there, the in-process handle exposes it.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export const ADMIN_TOKEN_FILE = "admin-token";

export function newAdminToken(): string {
  return randomBytes(32).toString("base64url");
}

export function adminTokenPath(dataDir: string): string {
  return path.join(dataDir, ADMIN_TOKEN_FILE);
}

/** A fresh token for this start, written (0600, atomically) to the data dir; returns it. */
export async function writeAdminToken(dataDir: string, token = newAdminToken()): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = adminTokenPath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${token}\n`, { mode: 0o600 });
  await chmod(temp, 0o600); // the umask must not widen it
  await rename(temp, file);
  return token;
}

export async function readAdminToken(dataDir: string): Promise<string> {
  return (await readFile(adminTokenPath(dataDir), "utf8")).trim();
}

/** Constant-time check of `Authorization: Bearer <token>`. */
export function hasAdminToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Browsers add Origin to cross-origin (and most) requests and Sec-Fetch-Site to every request to a loopback
 * host; scripts, the CLI and the SDK send neither (Node's fetch sends Sec-Fetch-Mode only, so that one is not
 * a sign). A page open in the developer's browser therefore cannot drive the admin API.
 */
export function isBrowserRequest(headers: Record<string, string | string[] | undefined>): boolean {
  return headers.origin !== undefined || headers["sec-fetch-site"] !== undefined;
}
