// The reliability suite's hostile corpus: lib/snowflake's 276 hostile strings (16 categories), plus values
// of the wrong type — what a hand-made server action call (not the browser form) can send — and, for id
// fields, forged ids (built per test: another brand's ids, ids that never existed).
import { hostileInputs } from "@/lib/snowflake/testing/hostile-inputs";

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

export const hostileStrings: HostileCase[] = hostileInputs.map((h) => ({
  category: h.category,
  label: h.label,
  value: h.value,
}));

const requestCursor = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");

/** Values just past a bound that zod and the database must agree on (lib/limits.ts): each once gave a 500. */
export const boundCases: HostileCase[] = [
  ["19-digit cursor above bigint", "9999999999999999999"],
  ["bigint maximum + 1", "9223372036854775808"],
  ["request cursor dated year -271821", requestCursor("-271821-04-20T00:00:00.000Z", "cm0000000000000000000000a")],
  ["request cursor dated year +275760", requestCursor("+275760-09-13T00:00:00.000Z", "cm0000000000000000000000a")],
  ["request cursor with a 150-character id", requestCursor("2026-01-01T00:00:00.000Z", "c".repeat(150))],
  ["day 0000-01-01", "0000-01-01"],
  ["day 9999-12-31 (its end is year 10000)", "9999-12-31"],
  ["consumer account of 511 characters", `${"A".repeat(255)}.${"B".repeat(255)}`],
  ["5,000-character value", "x".repeat(5_000)],
  ["300-character e-mail address", `${"a".repeat(300)}@example.com`],
].map(([label, value]) => ({ category: "bounds", label, value }));

/** Every string, bound and wrong-type case: 276 + 10 + 14. */
export const hostileCorpus: HostileCase[] = [...hostileStrings, ...boundCases, ...wrongTypes];

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
