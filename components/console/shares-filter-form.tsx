import { buttonClasses } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/form-field";
import { ageBuckets } from "@/lib/console/queue-filters";
import type { ShareFilters } from "@/lib/console/shares";

/** GET form: filters land in the URL, so a filtered list can be shared and works without JavaScript. */
export function SharesFilterForm({
  filters,
  organizations,
  regions,
}: {
  filters: ShareFilters;
  organizations: { slug: string; name: string }[];
  regions: string[];
}) {
  const fields: {
    name: keyof ShareFilters;
    label: string;
    value: string;
    options: { value: string; label: string }[];
  }[] = [
    {
      name: "status",
      label: "Status",
      value: filters.status,
      options: [
        { value: "active", label: "Active shares" },
        { value: "all", label: "All shares (incl. revoked)" },
      ],
    },
    {
      name: "org",
      label: "Brand",
      value: filters.org ?? "",
      options: [{ value: "", label: "All brands" }, ...organizations.map((o) => ({ value: o.slug, label: o.name }))],
    },
    {
      name: "region",
      label: "Consumer region",
      value: filters.region ?? "",
      options: [{ value: "", label: "All regions" }, ...regions.map((r) => ({ value: r, label: r }))],
    },
    {
      name: "age",
      label: "Active for",
      value: filters.age ?? "",
      options: [
        { value: "", label: "Any time" },
        ...Object.entries(ageBuckets).map(([value, b]) => ({ value, label: b.label })),
      ],
    },
  ];
  return (
    <form
      method="get"
      action="/console/shares"
      role="search"
      aria-label="Filter shares"
      className="flex flex-wrap items-end gap-3"
    >
      {fields.map((field) => (
        <div key={field.name} className="flex flex-col gap-1">
          <label htmlFor={`shares-filter-${field.name}`} className="text-xs font-medium text-muted">
            {field.label}
          </label>
          <select
            id={`shares-filter-${field.name}`}
            name={field.name}
            defaultValue={field.value}
            className={inputClasses}
          >
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" className={buttonClasses("primary", "md")}>
        Apply filters
      </button>
    </form>
  );
}
