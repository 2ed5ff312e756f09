import "server-only";
import { db } from "@/lib/db";
import { sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import { createManagedAccountSql } from "@/lib/provisioning/plan-reader-account-steps";
import type { PlanStep } from "@/lib/provisioning/plan-types";
import { generateReaderPassword, openPassword, sealPassword } from "./password-box";

/**
 * The create-reader-account step as it is sent: the plan's `?` replaced by the admin password. The password is made
 * once and sealed in ReaderAccount before the statement is sent, so a rerun after a crash sends the same password
 * (the account may already hold it); it is never logged, nor written to the plan, the step row or the audit.
 */
export async function withReaderPassword(step: PlanStep, runId: string): Promise<PlanStep> {
  const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { requestId: true } });
  const reader = await db.readerAccount.findUniqueOrThrow({
    where: { requestId: run.requestId },
    select: { accountName: true, adminName: true, passwordCiphertext: true, deliveredAt: true },
  });
  const ref = { name: reader.accountName, adminName: reader.adminName };
  // The statement must be the one the approver read, for this request's own account.
  const planned = createManagedAccountSql(ref, run.requestId, null).toStatement();
  if (step.statements.length !== 1 || step.statements[0].sql !== planned.sql)
    throw new Error(`Run ${runId}: the create-reader-account step does not match request ${run.requestId}`);
  let password: string;
  if (reader.passwordCiphertext) password = openPassword(reader.passwordCiphertext);
  else {
    password = generateReaderPassword();
    // After delivery the account exists: the CREATE is refused as already done and this password is never used.
    if (!reader.deliveredAt)
      await db.readerAccount.update({
        where: { requestId: run.requestId },
        data: { passwordCiphertext: sealPassword(password) },
      });
  }
  const statement = createManagedAccountSql(ref, run.requestId, sqlStringLiteral(password)).toStatement();
  return { ...step, statements: [statement] };
}
