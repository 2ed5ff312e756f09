// The reliability suite's hostile corpus: lib/snowflake's 276 hostile strings (16 categories), plus values
// of the wrong type — what a hand-made server action call (not the browser form) can send — and, for id
// fields, forged ids (built per test: another brand's ids, ids that never existed).
import { hostileInputs } from "@/lib/snowflake/hostile-inputs";

export type HostileCase = { category: string; label: string; value: unknown };

export const wrongTypes: HostileCase[] = [
  ["number", 12345],
  ["zero", 0],
  ["negative number", -1],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["boolean true", true],
  ["boolean false", false],
  ["null", null],
  ["object", { toString: "x", valueOf: 1 }],
  ["prototype pollution object", JSON.parse('{"__proto__":{"admin":true}}')],
  ["array of numbers", [1, 2, 3]],
  ["nested array", [["ACME.ANALYTICS"]]],
  ["array of 10k strings", Array.from({ length: 10_000 }, (_, i) => `W${i}`)],
  ["date object", new Date(0)],
].map(([label, value]) => ({ category: "wrong-type", label: label as string, value }));

export const hostileStrings: HostileCase[] = hostileInputs.map((h) => ({ category: h.category, label: h.label, value: h.value }));

/** Every string and wrong-type case: 276 + 14. */
export const hostileCorpus: HostileCase[] = [...hostileStrings, ...wrongTypes];

/** Forged ids for an id field: plausible-looking ids that were never issued, and ids of someone else's objects. */
export function forgedIds(others: { label: string; id: string }[]): HostileCase[] {
  return [
    { category: "forged-id", label: "cuid never issued", value: "cm0000000000000000000000a" },
    { category: "forged-id", label: "uuid never issued", value: "00000000-0000-4000-8000-000000000000" },
    { category: "forged-id", label: "numeric id", value: "1" },
    { category: "forged-id", label: "SQL wildcard id", value: "%" },
    ...others.map((o) => ({ category: "forged-id", label: o.label, value: o.id })),
  ];
}

/** Strings that must never appear in anything sent to Snowflake: long enough not to occur by chance. */
export function tracers(cases: HostileCase[]): string[] {
  return cases.map((c) => c.value).filter((v): v is string => typeof v === "string" && v.trim().length >= 6);
}
