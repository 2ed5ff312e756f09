// PostgreSQL cannot store U+0000 in text, so a NUL that reaches a query fails there as a 500. No Floe input
// (form field, id, URL segment or parameter) may contain one: the action factory and the route guards refuse
// it up front with a specific message. Pure.

export const nulMessage = "Contains an invisible NUL character (U+0000), which is never valid here. Please retype it.";

/** The top-level key whose value (a string, or strings nested in it) contains a NUL, or null. */
export function keyWithNul(input: unknown): string | null {
  if (typeof input !== "object" || input === null) return null;
  for (const [key, value] of Object.entries(input)) if (hasNul(value, 0)) return key;
  return null;
}

function hasNul(value: unknown, depth: number): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 8 || typeof value !== "object" || value === null) return false;
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}
