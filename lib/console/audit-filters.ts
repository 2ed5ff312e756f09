// The audit log's filters as URL parameters (shareable links; the CSV export takes the same ones). Pure.
// Unknown or malformed values are dropped, so a hand-edited link still opens a sensible log.

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

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
const day = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string | undefined) => (value && day.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null);

export function parseAuditParams(params: Params): AuditFilters & { cursor: string | null } {
  const actor = first(params.actor);
  const org = first(params.org);
  const type = first(params.type);
  const cursor = first(params.cursor);
  return {
    actor: actor && actor.length <= 320 && actor.includes("@") ? actor.toLowerCase() : null,
    org: org && /^[a-z0-9][a-z0-9-]{0,62}$/.test(org) ? org : null,
    type: type && /^[a-z][a-z_]*(\.[a-z_]*)+$/.test(type) && type.length <= 100 ? type : null,
    from: validDay(first(params.from)),
    to: validDay(first(params.to)),
    cursor: cursor && /^\d{1,19}$/.test(cursor) ? cursor : null,
  };
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
