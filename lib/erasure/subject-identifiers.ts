// Erasure subjects as given (external user ids or e-mail addresses) → validated, normalised, de-duplicated
// and hashed. Only the SHA-256 of the normalised identifier is ever stored: a list of the people a brand
// erased would itself be personal data. Pure (node:crypto only), so the CSV parser and the tests share it.
import { createHash } from "node:crypto";
import { z } from "zod";
import { ERASURE_MAX_SUBJECTS, ERASURE_SUBJECT_MAX_LENGTH } from "@/lib/limits";

export type SubjectKind = "EXTERNAL_USER_ID" | "EMAIL";
export type HashedSubject = { kind: SubjectKind; hash: string };

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const controlChars = /[\u0000-\u001f\u007f]/;

export const subjectIdentifierSchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(ERASURE_SUBJECT_MAX_LENGTH, `is longer than ${ERASURE_SUBJECT_MAX_LENGTH} characters`)
  .refine((s) => !controlChars.test(s), "contains control characters");

/** An identifier with an @ is an e-mail (matched case-insensitively); anything else an external user id. */
export function classifySubject(identifier: string): { kind: SubjectKind; normalised: string } | { error: string } {
  const parsed = subjectIdentifierSchema.safeParse(identifier);
  if (!parsed.success) return { error: parsed.error.issues[0].message };
  const value = parsed.data;
  if (value.includes("@")) {
    if (!emailShape.test(value)) return { error: "is not a valid e-mail address" };
    return { kind: "EMAIL", normalised: value.toLowerCase() };
  }
  return { kind: "EXTERNAL_USER_ID", normalised: value };
}

export const hashSubject = (kind: SubjectKind, normalised: string): string =>
  createHash("sha256").update(`${kind}:${normalised}`).digest("hex");

export type PreparedSubjects = {
  subjects: HashedSubject[];
  duplicates: number;
  /** 1-based row (or list position) and why it was refused; nothing else is lost. */
  errors: { row: number; message: string }[];
};

/** Validates, normalises, hashes and de-duplicates a list of identifiers (rows numbered from `firstRow`). */
export function prepareSubjects(identifiers: readonly string[], firstRow = 1): PreparedSubjects {
  const seen = new Map<string, HashedSubject>();
  const errors: PreparedSubjects["errors"] = [];
  let duplicates = 0;
  identifiers.forEach((raw, i) => {
    const c = classifySubject(raw);
    if ("error" in c) {
      errors.push({ row: firstRow + i, message: `Identifier ${c.error}.` });
      return;
    }
    const hash = hashSubject(c.kind, c.normalised);
    const key = `${c.kind}:${hash}`;
    if (seen.has(key)) duplicates++;
    else seen.set(key, { kind: c.kind, hash });
  });
  if (seen.size > ERASURE_MAX_SUBJECTS)
    errors.push({ row: 0, message: `At most ${ERASURE_MAX_SUBJECTS.toLocaleString("en")} identifiers per request.` });
  return { subjects: [...seen.values()], duplicates, errors };
}
