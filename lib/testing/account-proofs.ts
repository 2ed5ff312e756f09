// Test support: record a (brand, consumer account) pair as proven, for tests about other things than the
// proof-of-control step (that step has its own tests: lib/provisioning/account-proof.test.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function proveConsumerAccountForTest(
  db: Pick<PrismaClient, "consumerAccountProof">,
  pair: { organizationId: string; consumerAccount: string; consumerRegion: string },
): Promise<void> {
  await db.consumerAccountProof.upsert({
    where: { organizationId_consumerAccount_consumerRegion: pair },
    create: { ...pair, method: "WAIVED", reason: "Proven by the test setup" },
    update: {},
  });
}
