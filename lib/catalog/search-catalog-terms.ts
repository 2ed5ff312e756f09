// How catalog search reads a query and scores a name/description pair. Pure.

const MAX_QUERY = 100;
const MAX_TERMS = 8;

/** Lower-case terms; `_` counts as a separator so "email address" finds EMAIL_ADDRESS. */
export function searchTerms(query: string): string[] {
  return query
    .normalize("NFKC")
    .slice(0, MAX_QUERY)
    .toLowerCase()
    .split(/[\s_]+/)
    .filter((t) => t !== "")
    .slice(0, MAX_TERMS);
}

/** Higher is better; 0 = no match. Every term must occur in the name or the description. */
export function matchScore(
  terms: string[],
  name: string,
  description: string | null,
): { score: number; matchedIn: "name" | "description" } {
  const n = name.toLowerCase().replace(/_/g, " ");
  const d = (description ?? "").toLowerCase();
  if (terms.length === 0 || !terms.every((t) => n.includes(t) || d.includes(t)))
    return { score: 0, matchedIn: "description" };
  if (!terms.every((t) => n.includes(t))) return { score: 1, matchedIn: "description" };
  if (n === terms.join(" ")) return { score: 4, matchedIn: "name" };
  return { score: n.startsWith(terms[0]) ? 3 : 2, matchedIn: "name" };
}
