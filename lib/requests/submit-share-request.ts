import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/db";
import { conflictError, forbiddenError, invalidInputError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import {
  consumerIdentity,
  parseNormalisedConsumerAccount,
  pasteConflicts,
  type ConsumerIdentity,
} from "@/lib/snowflake/account-identifier";
import { parsePastedAccountDetails } from "@/lib/snowflake/pasted-account-details";
import { isSnowflakeRegion } from "@/lib/snowflake/regions";
import { liveStates } from "./state-machine";
import { inTransaction } from "./transaction";
import { parseShareEndDate } from "./share-end-date";
import { getConfig } from "@/lib/config";
import { appNow } from "@/lib/time/clock";
import { READER_ADMIN_NAME } from "@/lib/limits";
import {
  isReaderAccountIdentity,
  readerAccountNameFrom,
  readerConsumerAccount,
} from "@/lib/reader-accounts/reader-account-name";

export type SubmitShareRequestOptions = {
  organizationId: string;
  requestedById: string;
  workspaceIds: readonly string[];
  /** Datasets by id or by catalog key (exactly one of the two). */
  datasetIds?: readonly string[];
  datasetKeys?: readonly string[];
  /**
   * OWN_ACCOUNT (default): the brand's account in consumerAccount. READER_ACCOUNT: no identifier; Floe chooses a
   * reader account in consumerRegion (lib/reader-accounts/reader-account-name.ts) and hosts it.
   */
  consumerKind?: "OWN_ACCOUNT" | "READER_ACCOUNT";
  /** Already normalised by lib/snowflake/account-identifier (ORG.ACCOUNT or a bare locator); own accounts only. */
  consumerAccount?: string;
  consumerRegion: string;
  /**
   * The brand's paste of SELECT CURRENT_ACCOUNT(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME(),
   * CURRENT_ACCOUNT_NAME(), as sent with the form. Parsed and cross-checked here again (never trust the
   * form): a region or name that contradicts the fields refuses the request.
   */
  pastedAccountDetails?: string | null;
  includePii: boolean;
  note?: string | null;
  /** Optional end of the share, YYYY-MM-DD (future, within FLOE_SHARE_MAX_DAYS): revoked at 00:00 UTC that day. */
  endsAt?: string | null;
  /** Set when the request comes through the public API: recorded in the audit event. */
  apiTokenId?: string;
};

export type SubmittedShareRequest = { id: string; state: "PENDING_APPROVAL"; lakeRegion: string; crossRegion: boolean };

const NOTE_MAX = 2000;

export async function submitShareRequest(options: SubmitShareRequestOptions): Promise<SubmittedShareRequest> {
  const workspaceIds = uniqueNonEmpty(options.workspaceIds, "workspaceIds", "Choose at least one workspace.");
  const datasetFilter = datasetSelection(options);
  const reader = options.consumerKind === "READER_ACCOUNT";
  if (!isSnowflakeRegion(options.consumerRegion))
    throw fieldError("consumerRegion", "Choose a Snowflake region from the list.", "invalid_region");
  const typedIdentity = reader ? null : ownAccountIdentity(options);
  const note = options.note?.trim() ? options.note.trim() : null;
  const endsAt = options.endsAt
    ? parseShareEndDate(options.endsAt, { now: appNow(), maxDays: getConfig().FLOE_SHARE_MAX_DAYS })
    : null;
  if (note && note.length > NOTE_MAX)
    throw fieldError("note", `The note can be at most ${NOTE_MAX} characters.`, "note_too_long");

  return inTransaction(async (tx) => {
    const { organizationId } = options;
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: options.requestedById, organizationId } },
      select: { role: true },
    });
    if (!membership || membership.role === "VIEWER") {
      throw forbiddenError("Only owners and members of this organisation can request a share.", {
        reason: "not_a_requester",
      });
    }

    // Loaded through the organisation: another brand's workspace id simply is not found.
    const workspaces = await tx.workspace.findMany({
      where: { organizationId, id: { in: workspaceIds } },
      select: { id: true, region: true },
    });
    if (workspaces.length !== workspaceIds.length) {
      throw fieldError(
        "workspaceIds",
        "One of the chosen workspaces does not exist in this organisation.",
        "unknown_workspace",
      );
    }
    const regions = [...new Set(workspaces.map((w) => w.region))].sort();
    if (regions.length > 1) {
      const message = `The chosen workspaces keep their data in different regions (${regions.join(", ")}). A share can carry only one lake database, so request one share per region.`;
      throw fieldError("workspaceIds", message, "mixed_regions", { regions });
    }
    const lakeRegion = regions[0];

    const allowed = await tx.organizationDataset.findMany({
      where: { organizationId, dataset: datasetFilter.where },
      select: { dataset: { select: { id: true, key: true } } },
    });
    const found = new Set(allowed.map((a) => (datasetFilter.by === "id" ? a.dataset.id : a.dataset.key)));
    const missing = datasetFilter.values.filter((v) => !found.has(v));
    if (missing.length > 0) {
      const field = datasetFilter.by === "id" ? "datasetIds" : "datasetKeys";
      throw fieldError(
        field,
        `Your organisation's contract does not include: ${missing.join(", ")}.`,
        "dataset_not_allowed",
        { datasets: missing },
      );
    }
    const datasetIds = allowed.map((a) => a.dataset.id);

    // Serialises submissions for one organisation + region, so two racing submits cannot both pass the
    // duplicate check below — also when one names the account by locator and the other by ORG.ACCOUNT.
    // The lock ends with the transaction.
    const lockKey = `floe:share-request:${organizationId}:${options.consumerRegion}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
    const readerAccount = reader ? await chooseReaderAccount(tx, options.consumerRegion) : null;
    const identity = typedIdentity ?? { account: readerAccount!.consumerAccount, locator: null };
    // A new reader account is never a duplicate of another (each gets its own account); own accounts are checked.
    if (!reader)
      await refuseDuplicate(tx, {
        organizationId,
        identity,
        consumerRegion: options.consumerRegion,
        workspaceIds,
        datasetIds,
      });

    const crossRegion = options.consumerRegion !== lakeRegion;
    const request = await tx.shareRequest.create({
      data: {
        organizationId,
        requestedById: options.requestedById,
        consumerAccount: identity.account,
        consumerLocator: identity.locator,
        consumerRegion: options.consumerRegion,
        consumerKind: reader ? "READER_ACCOUNT" : "OWN_ACCOUNT",
        lakeRegion,
        crossRegion,
        includePii: options.includePii,
        note,
        endsAt,
      },
      select: { id: true },
    });
    if (readerAccount)
      await tx.readerAccount.create({
        data: {
          requestId: request.id,
          organizationId,
          accountName: readerAccount.accountName,
          adminName: READER_ADMIN_NAME,
        },
      });
    await tx.shareRequestWorkspace.createMany({
      data: workspaceIds.map((workspaceId) => ({ requestId: request.id, organizationId, workspaceId })),
    });
    await tx.shareRequestDataset.createMany({
      data: datasetIds.map((datasetId) => ({ requestId: request.id, datasetId })),
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.requestedById },
      organizationId,
      requestId: request.id,
      type: "request.submitted",
      details: {
        consumerAccount: identity.account,
        ...(identity.locator ? { consumerLocator: identity.locator } : {}),
        consumerRegion: options.consumerRegion,
        ...(reader ? { consumerKind: "READER_ACCOUNT", readerAccount: readerAccount!.accountName } : {}),
        lakeRegion,
        crossRegion,
        includePii: options.includePii,
        workspaceIds,
        datasets: allowed.map((a) => a.dataset.key).sort(),
        ...(endsAt ? { endsAt: endsAt.toISOString() } : {}),
        ...(options.apiTokenId ? { apiTokenId: options.apiTokenId } : {}),
      },
    });
    return { id: request.id, state: "PENDING_APPROVAL", lakeRegion, crossRegion };
  });
}

/**
 * A request that still stands (any live state, FAILED included: it can be retried) for the same consumer,
 * region, workspaces and datasets makes a new one pointless; the error carries its id so the UI can link
 * to it. The PII choice is deliberately not part of the identity: changing it means revoking and
 * requesting again, not a second share of the same rows.
 */
async function refuseDuplicate(
  tx: Prisma.TransactionClient,
  target: {
    organizationId: string;
    identity: ConsumerIdentity;
    consumerRegion: string;
    workspaceIds: string[];
    datasetIds: string[];
  },
): Promise<void> {
  // The same account under either of its names (locators are unique within a region, which is matched too).
  const names = [...new Set([target.identity.account, target.identity.locator].filter((n): n is string => n !== null))];
  const candidates = await tx.shareRequest.findMany({
    where: {
      organizationId: target.organizationId,
      consumerRegion: target.consumerRegion,
      state: { in: [...liveStates] },
      OR: [{ consumerAccount: { in: names } }, { consumerLocator: { in: names } }],
    },
    select: {
      id: true,
      state: true,
      workspaces: { select: { workspaceId: true } },
      datasets: { select: { datasetId: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const existing = candidates.find(
    (c) =>
      sameSet(
        c.workspaces.map((w) => w.workspaceId),
        target.workspaceIds,
      ) &&
      sameSet(
        c.datasets.map((d) => d.datasetId),
        target.datasetIds,
      ),
  );
  if (existing) {
    throw conflictError(
      "A request for this Snowflake account, region, workspaces and datasets already exists. Open it instead of submitting a new one.",
      {
        reason: "duplicate",
        details: { existingRequestId: existing.id, state: existing.state },
      },
    );
  }
}

/** The brand's own account, as typed and cross-checked by its paste; a Floe reader-account name is refused. */
function ownAccountIdentity(options: SubmitShareRequestOptions): ConsumerIdentity {
  const typed = options.consumerAccount ? parseNormalisedConsumerAccount(options.consumerAccount) : undefined;
  if (!typed)
    throw fieldError("consumerAccount", "The Snowflake account identifier is not valid.", "invalid_consumer_account");
  const identity = identityFromPaste(typed, options.consumerRegion, options.pastedAccountDetails);
  if (isReaderAccountIdentity(identity.account))
    throw fieldError(
      "consumerAccount",
      'That is the name of a Floe-hosted reader account, not your own: choose "We don\'t have Snowflake" instead.',
      "reader_account_name",
    );
  return identity;
}

/** A fresh reader account name in the vendor organisation of the region's provider account. */
async function chooseReaderAccount(tx: Prisma.TransactionClient, region: string) {
  const provider = await tx.providerAccount.findUnique({ where: { region }, select: { organizationName: true } });
  if (!provider) {
    const hosted = await tx.providerAccount.findMany({ select: { region: true }, orderBy: { region: "asc" } });
    throw fieldError(
      "consumerRegion",
      `Floe can host a reader account only in a region where it has an account: ${hosted.map((h) => h.region).join(", ")}.`,
      "no_reader_region",
    );
  }
  const accountName = readerAccountNameFrom(randomBytes(5).toString("hex"));
  return { accountName, consumerAccount: readerConsumerAccount(provider.organizationName, accountName) };
}

/** The canonical identity of what was typed, completed (and cross-checked) by the brand's paste. */
function identityFromPaste(
  typed: NonNullable<ReturnType<typeof parseNormalisedConsumerAccount>>,
  region: string,
  paste: string | null | undefined,
): ConsumerIdentity {
  if (paste === undefined || paste === null || paste.trim() === "") return consumerIdentity(typed);
  const parsed = parsePastedAccountDetails(paste);
  if (!parsed.ok) throw fieldError("pastedAccountDetails", parsed.message, "invalid_paste");
  const conflicts = pasteConflicts(typed, region, parsed.value.details);
  if (conflicts.consumerRegion)
    throw fieldError("consumerRegion", conflicts.consumerRegion, "region_mismatch", {
      pastedRegion: parsed.value.details.region,
    });
  if (conflicts.consumerAccount) throw fieldError("consumerAccount", conflicts.consumerAccount, "account_mismatch");
  return consumerIdentity(typed, parsed.value.details);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

function fieldError(field: string, message: string, reason: string, details?: Record<string, unknown>) {
  return invalidInputError(message, { reason, details, fieldErrors: { [field]: [message] } });
}

function uniqueNonEmpty(values: readonly string[] | undefined, field: string, emptyMessage: string): string[] {
  const unique = [...new Set((values ?? []).filter((v) => typeof v === "string" && v !== ""))];
  if (unique.length === 0) throw fieldError(field, emptyMessage, "missing_selection");
  return unique;
}

function datasetSelection(options: SubmitShareRequestOptions): {
  by: "id" | "key";
  values: string[];
  where: Prisma.DatasetWhereInput;
} {
  // Two lists would be a caller bug; refusing beats silently ignoring one of them.
  if (options.datasetIds && options.datasetKeys) throw new Error("Give datasets by id or by key, not both");
  if (options.datasetKeys) {
    const values = uniqueNonEmpty(options.datasetKeys, "datasetKeys", "Choose at least one dataset.");
    return { by: "key", values, where: { key: { in: values } } };
  }
  const values = uniqueNonEmpty(options.datasetIds, "datasetIds", "Choose at least one dataset.");
  return { by: "id", values, where: { id: { in: values } } };
}
