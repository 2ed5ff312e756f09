import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { invalidInputError } from "@/lib/errors";
import { cursorTokenParam } from "@/lib/search-params";

// The queue's brand filter searches brands instead of shipping every one of them with the page (a vendor
// with thousands of brands made the queue grow by ~370 bytes per brand). Staff see every brand by design;
// only slug and name leave the server. Keyset pagination on (name, slug) — slug is unique, so the order is
// total — reads one short range per page however many brands match; matching is a case-insensitive
// substring of the name or the slug (a scan of Organization: a few ms at 5,000 brands).

export const ORGANIZATION_SEARCH_PAGE_SIZE = 20;

export const organizationSearchSchema = z
  .object({
    q: z.string().trim().max(100, "q must be at most 100 characters").default(""),
    after: cursorTokenParam.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(ORGANIZATION_SEARCH_PAGE_SIZE),
  })
  .strict();

export type OrganizationSearch = z.infer<typeof organizationSearchSchema>;
export type OrganizationOption = { slug: string; name: string };

const cursorSchema = z.tuple([z.string().min(1).max(200), z.string().min(1).max(63)]);

function encodeCursor(row: OrganizationOption): string {
  return Buffer.from(JSON.stringify([row.name, row.slug])).toString("base64url");
}

function decodeCursor(text: string): { name: string; slug: string } {
  try {
    const [name, slug] = cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return { name, slug };
  } catch {
    throw invalidInputError("after is not a cursor this search returned.");
  }
}

/** Parses the URL's query (zod): a clear 400 for anything else. */
export function parseOrganizationSearch(params: URLSearchParams): OrganizationSearch {
  const parsed = organizationSearchSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInputError(
      issue.code === "unrecognized_keys" ? `Unknown parameter: ${issue.keys.join(", ")}.` : issue.message,
    );
  }
  return parsed.data;
}

/** Prisma's `contains` puts the text into a LIKE pattern as is: `%` and `_` would be wildcards. */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchOrganizations(
  search: OrganizationSearch,
): Promise<{ items: OrganizationOption[]; nextCursor: string | null }> {
  const after = search.after ? decodeCursor(search.after) : null;
  const rows = await db.organization.findMany({
    where: {
      AND: [
        search.q
          ? {
              OR: [
                { name: { contains: likeText(search.q), mode: "insensitive" } },
                { slug: { contains: likeText(search.q.toLowerCase()) } },
              ],
            }
          : {},
        after ? { OR: [{ name: { gt: after.name } }, { name: after.name, slug: { gt: after.slug } }] } : {},
      ],
    },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
    take: search.limit + 1,
    select: { slug: true, name: true },
  });
  const items = rows.slice(0, search.limit);
  return { items, nextCursor: rows.length > search.limit ? encodeCursor(items[items.length - 1]) : null };
}
