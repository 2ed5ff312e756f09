import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { maskPiiValue } from "@/lib/catalog/mask-pii";
import { toJsonSafe } from "@/lib/catalog/to-json-safe";
import { db } from "@/lib/db";
import { invalidInputError } from "@/lib/errors";
import { SHARE_PREVIEW_ROW_LIMIT } from "@/lib/limits";
import { withAccountSlot } from "@/lib/provisioning/account-slots";
import { connectionSettingsFor, loadProviderAccount } from "@/lib/provisioning/provider-accounts";
import { connect as connectSnowflake, type ConnectionSettings, type SnowflakeClient } from "@/lib/snowflake/client";
import type { Sql } from "@/lib/snowflake/sql-identifiers";
import type { SharePreviewColumn, SharePreviewResult } from "./share-preview.schema";
import { entitledRowsExist, previewSelect, simulateConsumer } from "./share-preview-statements";
import { loadPreviewTarget, type PreviewTarget, type PreviewView } from "./share-preview-target";

// Preview as the consumer (issue 20, item 4): staff read a bounded sample of one view of an ACTIVE share as its
// consumer account sees it, with Snowflake's SIMULATED_DATA_SHARING_CONSUMER session parameter, as the provider.
// The read uses a connection of its own (not the shared pools), so the session parameter can never leak into
// another statement; it is closed at the end. The consumer's tier decides the columns (a share without PII has
// no `_ALL` views and its views have no PII columns); PII cells the consumer would see are masked for staff.
// An empty simulated read is double-checked against the share's entitlement rows: the documentation does not say
// whether the simulation carries the share's context (INVOKER_SHARE()), so "no rows" is only claimed when the
// entitlements agree. Every preview is audited (share.previewed), whatever its outcome.

export type PreviewDependencies = { connect?: (settings: ConnectionSettings) => Promise<SnowflakeClient> };

export async function previewShareAsConsumer(
  input: { requestId: string; view: string; actorId: string },
  deps: PreviewDependencies = {},
): Promise<SharePreviewResult> {
  const target = await loadPreviewTarget(input.requestId);
  const view = target.views.find((v) => v.name === input.view);
  if (!view) throw invalidInputError("This share has no such view.", { fieldErrors: { view: ["Unknown view."] } });
  const result = await readAsConsumer(target, view, deps.connect ?? connectSnowflake).catch((): SharePreviewResult => ({
    status: "unavailable",
    view: view.name,
    consumerAccount: target.consumerAccount,
    message: "Snowflake could not run the preview. Try again; the share itself is not affected.",
  }));
  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: { type: "USER", id: input.actorId },
      organizationId: target.organizationId,
      requestId: target.requestId,
      shareId: target.shareId,
      type: "share.previewed",
      details: {
        view: view.name,
        status: result.status,
        rows: result.status === "rows" || result.status === "empty" ? result.rows.length : 0,
      },
    }),
  );
  return result;
}

/** The columns the consumer's tier shows: every column of an `_ALL` view, the non-PII ones of a plain view. */
export function previewColumns(view: PreviewView): SharePreviewColumn[] {
  return view.table.columns.filter((c) => view.piiTier || !c.pii).map((c) => ({ name: c.name, pii: c.pii }));
}

async function readAsConsumer(
  target: PreviewTarget,
  view: PreviewView,
  connect: NonNullable<PreviewDependencies["connect"]>,
): Promise<SharePreviewResult> {
  const account = await loadProviderAccount(target.providerAccountId);
  if (!account) throw new Error("The share's provider account no longer exists");
  const columns = previewColumns(view);
  const limit = SHARE_PREVIEW_ROW_LIMIT;
  return withAccountSlot(account.id, account.maxConcurrency, async () => {
    const client = await connect(connectionSettingsFor(account));
    const run = (statement: Sql) => {
      const s = statement.toStatement();
      return client.execute(s.sql, s.binds);
    };
    try {
      await run(simulateConsumer(target.consumerAccount));
      const { rows } = await run(
        previewSelect(
          target.database,
          view.name,
          columns.map((c) => c.name),
          limit,
        ),
      );
      const base = { view: view.name, consumerAccount: target.consumerAccount };
      if (rows.length === 0) {
        const check = await run(
          entitledRowsExist(target.database, view.table.name, target.shareName, view.table.datasetKey, view.piiTier),
        );
        if (Number(check.rows[0]?.N ?? 0) > 0)
          return {
            ...base,
            status: "unverifiable",
            message:
              "Snowflake's simulation returned no rows although this share is entitled to rows of this view, so it did not evaluate the view in this share's context (for example when the consumer account receives several shares of it). Nothing is claimed about what the consumer sees.",
          };
      }
      return {
        ...base,
        status: rows.length ? "rows" : "empty",
        columns,
        rows: rows.map((row) => columns.map((c) => (c.pii ? maskPiiValue(row[c.name]) : toJsonSafe(row[c.name])))),
        limit,
        readAt: new Date().toISOString(),
      };
    } finally {
      await client.close().catch(() => undefined);
    }
  });
}
