import { BrandCombobox } from "@/components/console/brand-combobox";
import { buttonClasses } from "@/components/ui/button";
import { ageBuckets, type QueueFilters } from "@/lib/console/queue-filters";
import { QueueFilterSelect as Select } from "./queue-filter-select";

/**
 * The queue's filters as a plain GET form: every choice ends up in the URL (shareable, back button works),
 * and it is a normal sequence of labelled controls for keyboard users. The brand is a search (combobox):
 * the page carries only the chosen brand, however many there are. Regions are Snowflake's (configuration)
 * with the count of requests in each under the other filters. The state stays as chosen by the tabs
 * (hidden field); changing filters starts again at the first page.
 */
export function QueueFilterForm({
  filters,
  organization,
  regions,
}: {
  filters: QueueFilters;
  organization: { slug: string; name: string } | null;
  regions: { id: string; count: number }[];
}) {
  return (
    <form
      method="get"
      action="/console"
      role="search"
      aria-label="Filter the queue"
      className="flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="state" value={filters.state ?? "all"} />
      <BrandCombobox name="org" selected={organization} />
      <Select
        label="Consumer region"
        name="region"
        value={filters.region ?? ""}
        options={[
          ["", "All regions"],
          ...regions.map((r): [string, string] => [r.id, `${r.id} (${r.count.toLocaleString("en")})`]),
        ]}
      />
      <Select
        label="Cross-region"
        name="cross"
        value={filters.cross === null ? "" : filters.cross ? "1" : "0"}
        options={[
          ["", "Either"],
          ["1", "Cross-region only"],
          ["0", "In-region only"],
        ]}
      />
      <Select
        label="Age"
        name="age"
        value={filters.age ?? ""}
        options={[
          ["", "Any age"],
          ...Object.entries(ageBuckets).map(([value, b]): [string, string] => [value, b.label]),
        ]}
      />
      <Select
        label="Sort"
        name="sort"
        value={filters.sort}
        options={[
          ["oldest", "Oldest first"],
          ["newest", "Newest first"],
        ]}
      />
      <label className="flex h-10 items-center gap-2 text-sm">
        <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} className="size-4" />
        Assigned to me
      </label>
      <button type="submit" className={buttonClasses("primary", "md")}>
        Apply filters
      </button>
    </form>
  );
}
