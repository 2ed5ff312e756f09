import "server-only";
// Schema-change notices for lake:migrate (lib/lake/migrate-lakes.ts). Before a migration that declares column
// changes of shared views runs, gateLakeMigration records each change once (SchemaChangeNotice, classified by
// the policy) and, for a breaking change, mails the affected brands once and refuses to apply it until its
// deprecation window has passed. After the migration ran, recordApplied marks the notices applied and mails the
// brands about additive changes (a migration with a breaking change was announced already: one mail each).
import { db } from "@/lib/db";
import type { LakeMigration } from "@/lib/lake/migrations/types";
import { LakeMigrationError } from "@/lib/lake/apply-migrations";
import { inTransaction } from "@/lib/requests/transaction";
import { schemaChangeEmail } from "./emails";
import { classifyChange, DEPRECATION_WINDOW_DAYS, effectiveFrom } from "./policy";

type Notice = Awaited<ReturnType<typeof noticesOf>>[number];

const noticesOf = (version: number) =>
  db.schemaChangeNotice.findMany({
    where: { migrationVersion: version },
    orderBy: [{ datasetKey: "asc" }, { viewName: "asc" }, { columnName: "asc" }],
  });

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Records the migration's declared changes (first announcement wins: racing runs keep one row each). */
async function recordNotices(migration: LakeMigration, now: Date): Promise<Notice[]> {
  const changes = migration.schemaChanges ?? [];
  await db.schemaChangeNotice.createMany({
    data: changes.map((c) => {
      const classification = classifyChange(c.kind);
      return {
        migrationVersion: migration.version,
        migrationName: migration.name,
        datasetKey: c.datasetKey,
        viewName: c.view,
        piiViewOnly: c.piiViewOnly ?? false,
        columnName: c.column,
        kind: c.kind,
        classification,
        description: c.description,
        announcedAt: now,
        effectiveAt: effectiveFrom(classification, now),
      };
    }),
    skipDuplicates: true,
  });
  return noticesOf(migration.version);
}

/**
 * The brands with an ACTIVE share the notices affect: the share includes the dataset (and PII, when only the
 * `_ALL` view changes). Each with its owners' addresses and the notices that concern it.
 */
export async function affectedBrands(notices: Notice[]) {
  const datasetKeys = [...new Set(notices.map((n) => n.datasetKey))];
  const requests = await db.shareRequest.findMany({
    where: { state: "ACTIVE", datasets: { some: { dataset: { key: { in: datasetKeys } } } } },
    select: {
      id: true,
      includePii: true,
      organization: {
        select: {
          id: true,
          slug: true,
          memberships: { where: { role: "OWNER" }, select: { user: { select: { email: true } } } },
        },
      },
      datasets: { select: { dataset: { select: { key: true } } } },
      share: { select: { name: true } },
    },
    orderBy: { id: "asc" },
  });
  const brands = new Map<
    string,
    { id: string; slug: string; owners: string[]; shares: string[]; notices: Map<string, Notice> }
  >();
  for (const r of requests) {
    const keys = new Set(r.datasets.map((d) => d.dataset.key));
    const concerning = notices.filter((n) => keys.has(n.datasetKey) && (!n.piiViewOnly || r.includePii));
    if (concerning.length === 0) continue;
    const org = r.organization;
    const entry = brands.get(org.id) ?? {
      id: org.id,
      slug: org.slug,
      owners: org.memberships.map((m) => m.user.email),
      shares: [],
      notices: new Map<string, Notice>(),
    };
    if (r.share) entry.shares.push(r.share.name);
    for (const n of concerning) entry.notices.set(n.id, n);
    brands.set(org.id, entry);
  }
  return [...brands.values()].map((b) => ({ ...b, notices: [...b.notices.values()] }));
}

/** One mail per (migration, brand, phase), to each owner; the notification row makes racing runs send one. */
async function notifyBrands(migration: LakeMigration, notices: Notice[], phase: "ANNOUNCED" | "APPLIED", now: Date) {
  let mailed = 0;
  for (const brand of await affectedBrands(notices)) {
    await inTransaction(async (tx) => {
      const claimed = await tx.schemaChangeNotification.createMany({
        data: [{ migrationVersion: migration.version, organizationId: brand.id, phase, sentAt: now }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) return;
      const mail = schemaChangeEmail({ phase, notices: brand.notices, shares: brand.shares, orgSlug: brand.slug });
      for (const to of brand.owners) {
        await tx.outboxEmail.create({
          data: {
            to,
            subject: mail.subject,
            text: mail.text,
            kind: `schema_change.${phase.toLowerCase()}`,
            createdAt: now,
          },
        });
        mailed += 1;
      }
    });
  }
  return mailed;
}

/**
 * Before `migration` runs on any lake: records and announces its declared changes; throws LakeMigrationError
 * while a breaking change is inside its deprecation window (announced now, or earlier and not yet effective).
 */
export async function gateLakeMigration(migration: LakeMigration, now: Date): Promise<void> {
  if (!migration.schemaChanges?.length) return;
  const notices = await recordNotices(migration, now);
  const breaking = notices.filter((n) => n.classification === "BREAKING");
  if (breaking.length === 0) return;
  await notifyBrands(migration, notices, "ANNOUNCED", now);
  const early = breaking.filter((n) => n.effectiveAt.getTime() > now.getTime());
  if (early.length === 0) return;
  const from = new Date(Math.max(...early.map((n) => n.effectiveAt.getTime())));
  const what = early.map((n) => `${n.viewName}.${n.columnName} (${n.kind})`).join(", ");
  throw new LakeMigrationError(
    `Lake migration ${migration.version} (${migration.name}) makes breaking changes to shared views: ${what}. ` +
      `They were announced to the affected brands on ${day(early[0].announcedAt)} and may be applied from ${day(from)} ` +
      `(a ${DEPRECATION_WINDOW_DAYS}-day deprecation window, docs/schema-change-policy.md). Nothing was applied; run lake:migrate again after that date.`,
  );
}

/** After `migration` ran on a lake: the notices are applied; brands are mailed about additive-only migrations. */
export async function recordApplied(migration: LakeMigration, now: Date): Promise<void> {
  if (!migration.schemaChanges?.length) return;
  await db.schemaChangeNotice.updateMany({
    where: { migrationVersion: migration.version, appliedAt: null },
    data: { appliedAt: now },
  });
  const notices = await noticesOf(migration.version);
  if (notices.some((n) => n.classification === "BREAKING")) return;
  await notifyBrands(migration, notices, "APPLIED", now);
}
