import "server-only";
// Files an erasure request: the subjects (already validated and hashed, see subject-identifiers.ts) and
// the counts, in one transaction with its audit event. Idempotent: the same idempotency key for the same
// brand returns the request it made the first time. The tenant is checked here too (the workspace must be
// the brand's) — callers (portal actions, the API route, the console) authorise the user before calling.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH, ERASURE_MAX_SUBJECTS } from "@/lib/limits";
import type { HashedSubject } from "./subject-identifiers";

/** GDPR Art. 12(3): the controller answers "without undue delay and in any event within one month". */
export function gdprDueAt(receivedAt: Date): Date {
  const due = new Date(receivedAt);
  due.setUTCMonth(due.getUTCMonth() + 1);
  return due;
}

const SUBJECT_INSERT_CHUNK = 5_000;

export type SubmitErasureInput = {
  organizationId: string;
  workspaceId?: string | null;
  requestedById?: string | null;
  filedByStaffId?: string | null;
  source: "FORM" | "CSV" | "API" | "CONSOLE";
  idempotencyKey?: string | null;
  subjects: HashedSubject[];
  duplicates: number;
};

export async function submitErasureRequest(input: SubmitErasureInput): Promise<{ id: string; created: boolean }> {
  if (input.subjects.length < 1 || input.subjects.length > ERASURE_MAX_SUBJECTS)
    throw new AppError("INVALID_INPUT", `Give 1 to ${ERASURE_MAX_SUBJECTS} identifiers.`);
  const key = input.idempotencyKey ?? null;
  if (key !== null && (key.length < 1 || key.length > ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH))
    throw new AppError(
      "INVALID_INPUT",
      `The idempotency key must be 1 to ${ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH} characters.`,
    );
  if (key !== null) {
    const existing = await db.erasureRequest.findUnique({
      where: { organizationId_idempotencyKey: { organizationId: input.organizationId, idempotencyKey: key } },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
  }
  if (input.workspaceId) {
    const ws = await db.workspace.findFirst({
      where: { id: input.workspaceId, organizationId: input.organizationId },
      select: { id: true },
    });
    if (!ws) throw new AppError("NOT_FOUND", "No such workspace.");
  }
  const now = new Date();
  try {
    const id = await db.$transaction(
      async (tx) => {
        const request = await tx.erasureRequest.create({
          data: {
            organizationId: input.organizationId,
            workspaceId: input.workspaceId ?? null,
            requestedById: input.requestedById ?? null,
            filedByStaffId: input.filedByStaffId ?? null,
            source: input.source,
            idempotencyKey: key,
            requestedCount: input.subjects.length,
            duplicateCount: input.duplicates,
            dueAt: gdprDueAt(now),
            createdAt: now,
          },
          select: { id: true },
        });
        for (let i = 0; i < input.subjects.length; i += SUBJECT_INSERT_CHUNK)
          await tx.erasureSubject.createMany({
            data: input.subjects.slice(i, i + SUBJECT_INSERT_CHUNK).map((s) => ({ requestId: request.id, ...s })),
            skipDuplicates: true,
          });
        const actorId = input.filedByStaffId ?? input.requestedById;
        await recordAuditEvent(tx, {
          actor: actorId ? { type: "USER", id: actorId } : { type: "SYSTEM" },
          organizationId: input.organizationId,
          type: "erasure.requested",
          details: {
            erasureRequestId: request.id,
            source: input.source,
            requested: input.subjects.length,
            duplicates: input.duplicates,
            onBehalf: Boolean(input.filedByStaffId),
          },
        });
        return request.id;
      },
      { timeout: 60_000 },
    );
    return { id, created: true };
  } catch (error) {
    // Two submissions with one key at once: the loser reads the winner's request.
    if (key !== null && (error as { code?: string }).code === "P2002") {
      const existing = await db.erasureRequest.findUniqueOrThrow({
        where: { organizationId_idempotencyKey: { organizationId: input.organizationId, idempotencyKey: key } },
        select: { id: true },
      });
      return { id: existing.id, created: false };
    }
    throw error;
  }
}
