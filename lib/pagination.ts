// `?page=` handling shared by the list pages: anything odd (missing, 0, -3, "abc", ["2","3"]) means page 1,
// and a page past the end is clamped by the caller once it knows the total.

export const DEFAULT_PAGE_SIZE = 20;

export function parsePage(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const page = Number.parseInt(raw ?? "", 10);
  return Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export type Page<T> = { items: T[]; page: number; pageCount: number; total: number };

export function pageCountFor(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The URL of page `page` of a list at `basePath`, keeping the list's other query parameters (a filter such as
 * the console's `?org=`): page 1 carries no `page` parameter, so its URL is the list's own.
 */
export function pageHref(basePath: string, page: number, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (key !== "page" && value !== undefined) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}
