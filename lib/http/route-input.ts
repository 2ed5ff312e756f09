// Bounds on what a route handler receives besides its body: path segments and query-string values are
// parsed by one zod schema before the session is read or any query runs (lib/auth/route-guards.ts).
// Each route still parses its own parameters' meaning; this only guarantees nothing unbounded gets there.
import { z } from "zod";
import { ID_MAX_LENGTH, SEARCH_PARAM_MAX_COUNT, SEARCH_PARAM_MAX_LENGTH } from "@/lib/limits";

const segment = z.string().max(ID_MAX_LENGTH * 2);
export const routeParamsSchema = z.record(z.string(), z.union([segment, z.array(segment).max(10)]));

export const searchParamsSchema = z
  .array(z.tuple([z.string().max(100), z.string().max(SEARCH_PARAM_MAX_LENGTH)]))
  .max(SEARCH_PARAM_MAX_COUNT);

/** null when within bounds, else the sentence a 400 answers with. */
export function routeInputProblem(params: unknown, url: URL): string | null {
  if (!routeParamsSchema.safeParse(params ?? {}).success) return "A path segment of this request is too long.";
  if (!searchParamsSchema.safeParse([...url.searchParams.entries()]).success) {
    return `Too many or too long query parameters (at most ${SEARCH_PARAM_MAX_COUNT}, each up to ${SEARCH_PARAM_MAX_LENGTH} characters).`;
  }
  return null;
}
