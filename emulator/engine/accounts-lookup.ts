// How a client's `account` connection parameter maps to an emulated account.
import { findAccount, type AccountState, type Catalog } from "./catalog";

/** Accepts "FD10001", "fd10001.us-east-1[.aws]", "FLOEDATA-LAKE_US", "floedata-lake-us", "FLOEDATA.LAKE_US". */
export function lookupAccount(catalog: Catalog, raw: string): AccountState | undefined {
  const s = raw.trim().toUpperCase();
  for (const sep of [".", "-"]) {
    const k = s.indexOf(sep);
    if (k > 0) {
      const org = s.slice(0, k);
      const name = s.slice(k + 1);
      const hit = findAccount(catalog, org, name) ?? findAccount(catalog, org, name.replace(/-/g, "_"));
      if (hit) return hit;
    }
  }
  return findAccount(catalog, s.split(".")[0]);
}

export function toPem(key: string): string {
  if (key.includes("BEGIN PUBLIC KEY")) return key;
  const body =
    key
      .replace(/\s+/g, "")
      .match(/.{1,64}/g)
      ?.join("\n") ?? "";
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
}
