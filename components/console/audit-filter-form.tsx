import { buttonClasses } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/form-field";
import { auditTypeOptions, type AuditFilters } from "@/lib/console/audit-filters";

/** GET form over the audit log; the CSV link below it exports exactly what the filters select. */
export function AuditFilterForm({
  filters,
  organizations,
  staff,
}: {
  filters: AuditFilters;
  organizations: { slug: string; name: string }[];
  staff: { email: string; name: string | null }[];
}) {
  return (
    <form
      method="get"
      action="/console/audit"
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-actor" className="text-xs font-medium text-muted">
          Actor (email)
        </label>
        <input
          id="audit-actor"
          name="actor"
          type="email"
          list="audit-actor-options"
          defaultValue={filters.actor ?? ""}
          placeholder="anyone"
          className={inputClasses}
        />
        <datalist id="audit-actor-options">
          {staff.map((person) => (
            <option key={person.email} value={person.email}>
              {person.name ?? person.email}
            </option>
          ))}
        </datalist>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-org" className="text-xs font-medium text-muted">
          Brand
        </label>
        <select id="audit-org" name="org" defaultValue={filters.org ?? ""} className={inputClasses}>
          <option value="">All brands</option>
          {organizations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-type" className="text-xs font-medium text-muted">
          Event type
        </label>
        <select id="audit-type" name="type" defaultValue={filters.type ?? ""} className={inputClasses}>
          <option value="">All events</option>
          {auditTypeOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-from" className="text-xs font-medium text-muted">
          From (UTC)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClasses} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-to" className="text-xs font-medium text-muted">
          To (UTC, inclusive)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClasses} />
      </div>
      <button type="submit" className={buttonClasses("primary", "md")}>
        Apply filters
      </button>
    </form>
  );
}
