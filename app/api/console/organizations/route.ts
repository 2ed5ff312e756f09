import { accountManagerRoute } from "@/lib/auth/route-guards";
import { parseOrganizationSearch, searchOrganizations } from "@/lib/console/organization-search";

// The queue's brand filter (components/console/brand-combobox.tsx): brands whose name or slug contains `q`,
// 20 per keyset page (`after` = the previous answer's nextCursor). Staff only — anyone else gets the 404 of
// an unknown URL; only slug and name are returned. Bad parameters are a 400 naming the problem.
export const GET = accountManagerRoute(async (request) => {
  const search = parseOrganizationSearch(new URL(request.url).searchParams);
  const page = await searchOrganizations(search);
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
