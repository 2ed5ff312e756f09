import "server-only";
import { invalidStateError, notFoundError } from "@/lib/errors";
import { assertStaff } from "@/lib/requests/assert-staff";
import { inTransaction } from "@/lib/requests/transaction";
import { issueCredentialLink } from "./credential-link";

/**
 * Staff send the brand a new single-use link (the old one stops working) while Floe still holds the password: the
 * link expired or the mail was lost. Once the login was shown the password is gone from Floe by design, so there is
 * nothing to resend: the customer's admin changes it in Snowflake (staff say so; the refusal says it too).
 */
export async function reissueCredentialLink(options: { requestId: string; actorId: string }) {
  return inTransaction(async (tx) => {
    await assertStaff(tx, options.actorId);
    await tx.$queryRaw`SELECT 1 FROM "ReaderAccount" WHERE "requestId" = ${options.requestId} FOR UPDATE`;
    const reader = await tx.readerAccount.findUnique({
      where: { requestId: options.requestId },
      select: { deliveredAt: true, droppedAt: true, passwordCiphertext: true },
    });
    if (!reader) throw notFoundError("reader account");
    if (reader.droppedAt) throw invalidStateError("This reader account was dropped with its share.");
    if (reader.deliveredAt)
      throw invalidStateError(
        "The login was already shown and Floe no longer holds its password: the customer's admin changes it in Snowflake.",
        { reason: "already_delivered" },
      );
    if (!reader.passwordCiphertext)
      throw invalidStateError("The reader account is not provisioned yet: its link is sent when the share is active.");
    await issueCredentialLink(tx, options.requestId, options.actorId);
    return { requestId: options.requestId };
  });
}
