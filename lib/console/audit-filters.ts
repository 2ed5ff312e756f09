// The audit log's filters as URL parameters (shareable links; the CSV export takes the same ones). Pure.
// Unknown or malformed values are dropped, so a hand-edited link still opens a sensible log.
import { z } from "zod";
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

/** Families first (prefixes), then the common exact types, for the filter's select. */
export const auditTypeOptions: { value: string; label: string }[] = [
  { value: "request.", label: "All request events" },
  { value: "run.", label: "All run events" },
  { value: "share.", label: "All share events" },
  { value: "admin.", label: "All admin changes" },
  { value: "setup.", label: "All setup changes (npm run setup)" },
  ...[
    "request.submitted",
    "request.approved",
    "request.rejected",
    "request.cancelled",
    "request.provisioning_started",
    "request.active",
    "request.failed",
    "request.retried",
    "request.revocation_requested",
    "request.revoked",
    "run.cancelled",
    "share.verified",
    "admin.provider_account_updated",
    "admin.staff_role_granted",
    "admin.staff_role_revoked",
  ].map((value) => ({ value, label: value })),
];


const inYearRange = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  // The end of the day (the `to` bound is the next midnight) must be in range too.
  return !Number.isNaN(time) && time >= TIMESTAMP_RANGE.min && time + 86_400_000 <= TIMESTAMP_RANGE.max;
};
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(inYearRange);

const auditParamsSchema = z.object({
  actor: param(z.string().max(EMAIL_MAX_LENGTH).includes("@").transform((s) => s.toLowerCase())),
  org: param(slugParam),
  type: param(z.string().max(100).regex(/^[a-z][a-z_]*(\.[a-z_]*)+$/)),
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
