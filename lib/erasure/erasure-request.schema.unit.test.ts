// The portal / console form's identifiers: one per line, blank lines skipped, every bad line named by its
// line number as typed, nothing returned when any line is bad, and the form's limit of 50.
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { erasureFormSchema, subjectsFromForm } from "./erasure-request.schema";

function refusal(text: string) {
  try {
    subjectsFromForm(text);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("subjectsFromForm", () => {
  it("hashes and de-duplicates the lines, skipping blank ones", () => {
    const { subjects, duplicates } = subjectsFromForm("cust-1\n\n  Ann@Example.com \nann@example.com\ncust-1\n");
    expect(subjects.map((s) => s.kind).sort()).toEqual(["EMAIL", "EXTERNAL_USER_ID"]);
    expect(duplicates).toBe(2);
  });

  it("names every bad line by the number it has in the text, and files nothing", () => {
    const error = refusal("cust-1\n\nnot@an\ncust-2\nbad\u0007id");
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors?.identifiers).toEqual([
      "Line 3: Identifier is not a valid e-mail address.",
      "Line 5: Identifier contains control characters.",
    ]);
  });

  it("refuses more than 50 identifiers", () => {
    const text = Array.from({ length: 51 }, (_, i) => `cust-${i}`).join("\n");
    expect(refusal(text).message).toMatch(/At most 50 identifiers/);
  });
});

describe("erasureFormSchema", () => {
  it("needs an identifier and an idempotency key; an empty workspace id is refused, not read as every workspace", () => {
    const base = { orgSlug: "acme", identifiers: "cust-1", idempotencyKey: "k1" };
    expect(erasureFormSchema.safeParse(base).success).toBe(true);
    expect(erasureFormSchema.safeParse({ ...base, identifiers: "  \n " }).success).toBe(false);
    expect(erasureFormSchema.safeParse({ ...base, idempotencyKey: "" }).success).toBe(false);
    expect(erasureFormSchema.safeParse({ ...base, workspaceId: "" }).success).toBe(false);
  });
});
