import "server-only";
import { db, type Prisma } from "@/lib/db";

// Every command runs in one interactive transaction. Prisma's defaults (2 s to get a connection, 5 s to
// finish) are tight when several approvers race or when `submit` waits on its advisory lock; these limits
// still end a stuck transaction quickly. READ COMMITTED (the default) is what the compare-and-set updates
// rely on: a blocked UPDATE re-reads the row the winner committed and then matches nothing.
export function inTransaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(fn, { maxWait: 10_000, timeout: 20_000 });
}
