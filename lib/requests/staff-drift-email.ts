import "server-only";
import type { Prisma } from "@/lib/db";
import { getConfig } from "@/lib/config";

// The alert to account managers when a share has drifted from its plan and Floe could not put it back by
// itself. Written to the outbox in the transaction that records the drift_unrepaired event, so the mail
// exists exactly when the event does. Staff mail may name Snowflake objects; it never carries secrets.

export async function queueStaffDriftEmail(
  tx: Prisma.TransactionClient,
  options: { requestId: string; shareName: string; problems: string[] },
): Promise<number> {
  const staff = await tx.user.findMany({
    where: { staffRole: { in: ["ACCOUNT_MANAGER", "ADMIN"] } },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  if (staff.length === 0) return 0;
  const base = getConfig().NEXTAUTH_URL ?? "http://localhost:3000";
  const page = new URL(`/console/requests/${encodeURIComponent(options.requestId)}`, base).toString();
  const subject = `Share ${options.shareName} differs from its plan and needs a person`;
  const text = [
    `Floe's drift check found share ${options.shareName} out of step with its approved plan and could not restore it on its own:`,
    options.problems.map((p) => `- ${p}`).join("\n"),
    `The brand's consumer may be missing data until this is fixed. Open the request, fix the cause (for example a lake object that was dropped), then press "Re-apply": ${page}`,
    `Request reference: ${options.requestId}`,
  ].join("\n\n");
  await tx.outboxEmail.createMany({
    data: staff.map((s) => ({
      to: s.email,
      subject,
      text,
      kind: "share.drift_unrepaired",
      requestId: options.requestId,
    })),
  });
  return staff.length;
}
