import { z } from "zod";
import { ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH, ERASURE_MAX_SUBJECTS, ID_MAX_LENGTH } from "@/lib/limits";

// The public API's erasure bodies (POST/GET /api/v1/erasures). Identifiers are checked one by one by
// lib/erasure/subject-identifiers.ts (the portal's rules); a bad one refuses the request with its index.

export const createErasureBodySchema = z
  .strictObject({
    identifiers: z
      .array(z.string())
      .min(1)
      .max(ERASURE_MAX_SUBJECTS)
      .describe("External user ids or e-mail addresses (an @ makes it an e-mail, matched case-insensitively)"),
    workspaceId: z
      .string()
      .min(1)
      .max(ID_MAX_LENGTH)
      .optional()
      .describe("One of your workspaces (GET /api/v1/workspaces); absent: every workspace"),
  })
  .meta({ id: "CreateErasure" });

export const idempotencyKeySchema = z.string().min(1).max(ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH);

const isoDateTime = z.iso.datetime();

export const erasureSchema = z
  .object({
    id: z.string(),
    state: z.enum(["QUEUED", "RUNNING", "VERIFIED", "FAILED"]),
    source: z.string(),
    workspaceId: z.string().nullable(),
    requested: z.number().int(),
    duplicates: z.number().int(),
    matched: z.number().int().nullable(),
    unknown: z.number().int().nullable(),
    createdAt: isoDateTime,
    dueAt: isoDateTime.describe("GDPR Art. 12(3): one month from receipt"),
    completedAt: isoDateTime.nullable(),
    regions: z.array(
      z.object({
        region: z.string(),
        role: z.enum(["PRIMARY", "REPLICA"]),
        keysErased: z.number().int().nullable(),
        erasedAt: isoDateTime.nullable(),
        refreshedAt: isoDateTime.nullable(),
        verifiedAt: isoDateTime.nullable(),
      }),
    ),
  })
  .meta({ id: "Erasure" });

export const erasurePageSchema = z
  .object({
    items: z.array(erasureSchema),
    page: z.number().int(),
    pageCount: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: "ErasurePage" });
