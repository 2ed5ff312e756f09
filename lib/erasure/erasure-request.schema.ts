// The portal's erasure form (a few identifiers, one per line), checked on the server: the same limits as
// lib/limits.ts and the database. Identifiers themselves are validated one by one by prepareSubjects, which
// reports each bad line by number.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { prepareSubjects } from "./subject-identifiers";
import {
  ERASURE_FORM_MAX_SUBJECTS,
  ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH,
  ERASURE_SUBJECT_MAX_LENGTH,
  ERASURE_MAX_SUBJECTS,
  ID_MAX_LENGTH,
} from "@/lib/limits";

/** Room for ERASURE_FORM_MAX_SUBJECTS identifiers of the longest kind, one per line. */
export const ERASURE_FORM_MAX_CHARS = ERASURE_FORM_MAX_SUBJECTS * (ERASURE_SUBJECT_MAX_LENGTH + 2);

export const erasureFormSchema = z.object({
  orgSlug: z.string().min(1).max(ID_MAX_LENGTH),
  identifiers: z
    .string()
    .max(ERASURE_FORM_MAX_CHARS, "Too much text: give at most 50 identifiers here.")
    .refine((s) => s.trim().length > 0, "Give at least one identifier."),
  /** One workspace of the brand, or absent for every workspace (checked against the brand on submit). */
  workspaceId: z.string().min(1).max(ID_MAX_LENGTH).optional(),
  idempotencyKey: z.string().min(1).max(ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH),
});

export const erasureIdSchema = z.object({
  orgSlug: z.string().min(1).max(ID_MAX_LENGTH),
  erasureId: z.string().min(1).max(ID_MAX_LENGTH),
});

/** One identifier per line; blank lines are ignored (they are not identifiers), and numbered as typed. */
export function formLines(text: string): { line: number; value: string }[] {
  return text
    .split(/\r?\n/)
    .map((value, i) => ({ line: i + 1, value }))
    .filter((l) => l.value.trim() !== "");
}

/** Staff filing on a brand's behalf (console): the brand is named, the rest is the brand's form. */
export const consoleErasureSchema = erasureFormSchema.omit({ orgSlug: true }).extend({
  organizationId: z.string().min(1).max(ID_MAX_LENGTH),
});

export const consoleErasureIdSchema = z.object({ erasureId: z.string().min(1).max(ID_MAX_LENGTH) });

/**
 * The form's lines → hashed subjects. A bad line refuses the whole request with every bad line named
 * (field `identifiers`), so nothing is filed half and nothing typed is lost (the form keeps the text).
 */
export function subjectsFromForm(text: string) {
  const lines = formLines(text);
  if (lines.length > ERASURE_FORM_MAX_SUBJECTS)
    throw new AppError(
      "INVALID_INPUT",
      `At most ${ERASURE_FORM_MAX_SUBJECTS} identifiers here; use the API for more (up to ${ERASURE_MAX_SUBJECTS.toLocaleString("en")}).`,
      { fieldErrors: { identifiers: [`${lines.length} identifiers given.`] } },
    );
  const prepared = prepareSubjects(lines.map((l) => l.value));
  if (prepared.errors.length > 0) {
    const lineErrors = prepared.errors.map((e) => `Line ${lines[e.row - 1]?.line ?? e.row}: ${e.message}`);
    throw new AppError("INVALID_INPUT", `${lineErrors.length} identifier(s) need fixing; nothing was filed.`, {
      fieldErrors: { identifiers: lineErrors },
    });
  }
  return { subjects: prepared.subjects, duplicates: prepared.duplicates };
}
