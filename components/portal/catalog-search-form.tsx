import { buttonClasses } from "@/components/ui/button";

/** A plain GET form: results have a URL, work without JavaScript, and the back button returns to them. */
export function CatalogSearchForm({ action, query }: { action: string; query: string }) {
  return (
    <form action={action} method="get" role="search" aria-label="Catalog" className="flex flex-wrap items-end gap-2">
      <div className="min-w-[16rem] flex-1">
        <label htmlFor="catalog-search" className="block text-sm font-medium">
          Search tables and columns
        </label>
        <input
          id="catalog-search"
          name="q"
          type="search"
          defaultValue={query}
          placeholder="e.g. campaign, EXTERNAL_USER_ID, bounce"
          className="mt-1 h-10 w-full rounded-md border border-border bg-surface px-3 text-sm"
        />
      </div>
      <button type="submit" className={buttonClasses("secondary")}>
        Search
      </button>
    </form>
  );
}
