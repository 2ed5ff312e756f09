import "server-only";
import type { Prisma } from "@/lib/db";
import { forbiddenError } from "@/lib/errors";

// Decisions (approve, reject, retry) are the one thing a brand must never be able to do, whatever an action
// forgets to check: the commands re-check the role in their own transaction.
export async function assertStaff(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { staffRole: true } });
  if (!user?.staffRole) throw forbiddenError("Only account managers can do this.", { reason: "not_staff" });
}
