/** Joins class names, skipping falsy ones (enough for our variants; no need for a dependency). */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
