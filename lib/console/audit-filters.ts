// The audit log's filters as URL parameters (shareable links; the CSV export takes the same ones). Pure.
// Unknown or malformed values are dropped, so a hand-edited link still opens a sensible log.
import { z } from "zod";
import { auditEventFamilies, auditEventTypes } from "@/lib/audit/audit-event-types";
import { AUDIT_ID_MAX, EMAIL_MAX_LENGTH, TIMESTAMP_RANGE } from "@/lib/limits";
import { param, slugParam, type SearchParams } from "@/lib/search-params";

export type AuditFilters = {
  /** Actor email (people type or paste it). */
  actor: string | null;
  /** Organisation slug. */
  org: string | null;
  /** Exact type or a family prefix ending in a dot, e.g. "request." */
  type: string | null;
  /** Inclusive start day and inclusive end day (UTC), yyyy-mm-dd. */
  from: string | null;
  to: string | null;
};

const familyLabels: Record<string, string> = {
  request: "All request events",
  run: "All run events",
  admin: "All admin changes",
  auth: "All sign-in links",
  setup: "All setup changes (npm run setup)",
};

/**
 * Families first (prefixes), then every exact type Floe records, for the filter's select. Derived from the
 * one list of event types (lib/audit/audit-event-types.ts), so no type in the log is missing here.
 */
export const auditTypeOptions: { value: string; label: string }[] = [
  ...auditEventFamilies.map((family) => ({
    value: `${family}.`,
    label: familyLabels[family] ?? `All ${family} events`,
  })),
  ...auditEventTypes.map((value) => ({ value, label: value })),
];

const inYearRange = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  // The end of the day (the `to` bound is the next midnight) must be in range too.
  return !Number.isNaN(time) && time >= TIMESTAMP_RANGE.min && time + 86_400_000 <= TIMESTAMP_RANGE.max;
};
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(inYearRange);

const auditParamsSchema = z.object({
  actor: param(
    z
      .string()
      .max(EMAIL_MAX_LENGTH)
      .includes("@")
      .transform((s) => s.toLowerCase()),
  ),
  org: param(slugParam),
  type: param(
    z
      .string()
      .max(100)
      .regex(/^[a-z][a-z_]*(\.[a-z_]*)+$/),
  ),
  from: param(day),
  to: param(day),
  // An event id: digits within PostgreSQL's bigint (19 digits can exceed it).
  // One refine, not regex + refine: zod runs every check, and BigInt() throws on what the regex refuses.
  cursor: param(z.string().refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= AUDIT_ID_MAX)),
});

export function parseAuditParams(params: SearchParams): AuditFilters & { cursor: string | null } {
  return auditParamsSchema.parse(params);
}

export function auditSearch(filters: AuditFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "org", "type", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** createdAt bounds: from the start of `from` to the end of `to` (UTC days). */
export function auditTimeRange(filters: AuditFilters): { from?: Date; to?: Date } {
  return {
    from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    to: filters.to ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
  };
}
