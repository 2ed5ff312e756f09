// The receipt e-mail of a verified erasure request: counts, per-region erased/verified times, the GDPR clock.
// Pure: the job writes it to the outbox in the transaction that marks the request VERIFIED.
type ReceiptInput = {
  to: string;
  request: {
    id: string;
    requestedCount: number;
    matchedCount: number;
    createdAt: Date;
    dueAt: Date;
    completedAt: Date;
    organization: { name: string };
    regions: {
      region: string;
      role: string;
      erasedAt: Date | null;
      verifiedAt: Date | null;
      consumerSharesVerified?: number | null;
      consumerSharesUnverifiable?: number | null;
    }[];
  };
};

export function erasureReceiptEmail({ to, request }: ReceiptInput) {
  const minutes = Math.max(0, Math.round((request.completedAt.getTime() - request.createdAt.getTime()) / 60_000));
  const lines = [
    `Erasure request ${request.id} for ${request.organization.name} is verified.`,
    "",
    `Identifiers requested: ${request.requestedCount}; matched: ${request.matchedCount}; unknown: ${request.requestedCount - request.matchedCount}.`,
    `Completed in ${minutes} minute(s); the GDPR deadline was ${request.dueAt.toISOString()}.`,
    "",
    ...request.regions.map(
      (r) =>
        `${r.region} (${r.role.toLowerCase()}): erased ${r.erasedAt?.toISOString() ?? "-"}, verified ${r.verifiedAt?.toISOString() ?? "-"}${consumerLine(r)}`,
    ),
    "",
    "Consumers of your shares see the erased subject keys in the SHARED.ERASURES view of every share.",
  ];
  return { to, subject: `Erasure verified: ${request.id}`, text: lines.join("\n"), kind: "erasure.verified" };
}

/** What the consumer-side check could say, in words (erasure-consumer-verify.ts). */
function consumerLine(r: { consumerSharesVerified?: number | null; consumerSharesUnverifiable?: number | null }) {
  if (r.consumerSharesVerified == null) return "";
  const could = r.consumerSharesUnverifiable
    ? `; ${r.consumerSharesUnverifiable} more could not be checked from the consumer's side (that account receives several shares, and Snowflake's simulation names an account, not a share)`
    : "";
  return `; as ${r.consumerSharesVerified} share(s)' consumers see it${could}`;
}
