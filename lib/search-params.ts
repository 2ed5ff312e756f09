// URL search parameters of the list pages and exports, parsed by zod. Each parameter is its first value,
// trimmed and bounded (lib/limits.ts); a malformed one becomes null — dropped, so a hand-edited link still
// opens a sensible page — and nothing unbounded reaches a query. Pure: forms and pages share it.
import { z } from "zod";
import { SEARCH_PARAM_MAX_LENGTH } from "@/lib/limits";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A parameter read through `schema`: its parsed value, or null when absent or invalid. */
export function param<T>(schema: z.ZodType<T>) {
  return z
    .unknown()
    .optional()
    .transform((value): T | null => {
      const raw = Array.isArray(value) ? value[0] : value;
      // NUL: PostgreSQL text cannot hold it, so a filter carrying one would fail in the query.
      if (typeof raw !== "string" || raw.length > SEARCH_PARAM_MAX_LENGTH || raw.includes("\u0000")) return null;
      const trimmed = raw.trim();
      if (trimmed === "") return null;
      const parsed = schema.safeParse(trimmed);
      return parsed.success ? parsed.data : null;
    });
}

export const slugParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
export const regionParam = z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/);
/** An opaque page cursor's characters (base64url); what it decodes to is checked where it is used. */
export const cursorTokenParam = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);
