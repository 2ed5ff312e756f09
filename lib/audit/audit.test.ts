import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBrand, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { listAuditEvents, listAuditEventsForOrganization } from "./list-audit-events";
import type { AuditEventType } from "./audit-event-types";
import { recordAuditEvent } from "./record-audit-event";

let brand: Brand;
let otherBrand: Brand;
let requestId: string;

beforeAll(async () => {
  [brand, otherBrand] = await Promise.all([createBrand(), createBrand()]);
  requestId = (await requestInState(brand, "ACTIVE")).requestId; // submitted, approved, provisioning_started, active
  await requestInState(otherBrand, "PENDING_APPROVAL");
});

describe("the audit table is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE, whoever asks", async () => {
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId } });
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "type" = 'request.tampered' WHERE "id" = $1`, event.id),
    ).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = $1`, event.id)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(
      db.auditEvent.update({ where: { id: event.id }, data: { type: "request.tampered" } }),
    ).rejects.toThrow();
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });

  it("refuses a malformed type and a USER actor without an id", async () => {
    await expect(
      db.$executeRawUnsafe(`INSERT INTO "AuditEvent" ("actorType", "type") VALUES ('SYSTEM', 'Request Approved')`),
    ).rejects.toThrow(/AuditEvent_type_format/);
    await expect(
      db.$executeRawUnsafe(`INSERT INTO "AuditEvent" ("actorType", "type") VALUES ('USER', 'request.x')`),
    ).rejects.toThrow(/AuditEvent_actor_consistent/);
  });
});

describe("recordAuditEvent", () => {
  it("records an event in the caller's transaction, and nothing if it rolls back", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await recordAuditEvent(tx, {
          actor: { type: "SYSTEM" },
          organizationId: brand.organization.id,
          type: "run.started",
          details: { marker: "rolled-back" },
        });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db.auditEvent.count({ where: { details: { path: ["marker"], equals: "rolled-back" } } })).toBe(0);

    const { id } = await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: { type: "USER", id: brand.owner.id },
        organizationId: brand.organization.id,
        type: "run.cancelled",
        details: { ok: true },
      }),
    );
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      actorType: "USER",
      actorId: brand.owner.id,
      type: "run.cancelled",
    });
  });

  it("names a malformed type instead of failing on the constraint", async () => {
    await expect(
      db.$transaction((tx) =>
        recordAuditEvent(tx, { actor: { type: "SYSTEM" }, organizationId: null, type: "Bad.Type" as AuditEventType }),
      ),
    ).rejects.toThrow(/dotted lower case/);
  });
});

describe("listing audit events", () => {
  it("filters by request, type family and actor, newest first, across pages", async () => {
    const all = await listAuditEvents({ requestId });
    expect(all.items.map((e) => e.type)).toEqual([
      "request.active",
      "request.provisioning_started",
      "request.approved",
      "request.submitted",
    ]);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents({ requestId, limit: 3, cursor });
      pages.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.items.map((e) => e.id));

    expect((await listAuditEvents({ requestId, type: "request.approved" })).items).toHaveLength(1);
    expect((await listAuditEvents({ requestId, type: "request." })).items).toHaveLength(4);
    const byManager = await listAuditEvents({ actorId: brand.manager.id });
    expect(byManager.items.map((e) => e.type)).toEqual(["request.approved"]);
    expect(byManager.items[0].actor).toMatchObject({ id: brand.manager.id, email: brand.manager.email });
  });

  it("filters by time", async () => {
    const future = new Date(Date.now() + 60_000);
    expect((await listAuditEvents({ requestId, from: future })).items).toHaveLength(0);
    expect((await listAuditEvents({ requestId, to: future })).items).toHaveLength(4);
  });

  it("shows a brand only its own events, and hides staff e-mail addresses", async () => {
    const own = await listAuditEventsForOrganization({ organizationId: brand.organization.id, limit: 200 });
    expect(own.items.length).toBeGreaterThanOrEqual(4);
    expect(own.items.every((e) => e.organizationId === brand.organization.id)).toBe(true);
    const approved = own.items.find((e) => e.type === "request.approved");
    expect(approved?.actor).toEqual({ id: brand.manager.id, name: brand.manager.name });

    // Asking for another brand's request through the tenant-scoped view finds nothing.
    const foreign = await listAuditEventsForOrganization({ organizationId: otherBrand.organization.id, requestId });
    expect(foreign.items).toHaveLength(0);
  });
});
