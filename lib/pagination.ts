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
