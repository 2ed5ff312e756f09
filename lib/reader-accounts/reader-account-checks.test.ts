// The database agrees with the form: a reader-account request carries Floe's ORG.FLOE_R_<hex> name and no locator,
// an own-account request has an identifier that is not such a name, and a delivered login keeps no password.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrganization, createUser } from "@/prisma/seed/factories";
import { reissueCredentialLink } from "./reissue-link";

async function insertRequest(kind: "OWN_ACCOUNT" | "READER_ACCOUNT", account: string, locator: string | null = null) {
  const organization = await createOrganization(db, {}).then((o) => o.organization);
  const owner = await createUser(db);
  return db.shareRequest.create({
    data: {
      organizationId: organization.id,
      requestedById: owner.id,
      consumerKind: kind,
      consumerAccount: account,
      consumerLocator: locator,
      consumerRegion: "AWS_US_EAST_1",
      lakeRegion: "AWS_US_EAST_1",
      crossRegion: false,
    },
    select: { id: true, organizationId: true },
  });
}

describe("reader account CHECK constraints", () => {
  it("accepts a reader request with Floe's name and refuses one with a typed identifier or a locator", async () => {
    await expect(insertRequest("READER_ACCOUNT", "FLOEDATA.FLOE_R_0123456789")).resolves.toBeTruthy();
    await expect(insertRequest("READER_ACCOUNT", "ACME.PROD")).rejects.toThrow(/ShareRequest_consumer_kind_check/);
    await expect(insertRequest("READER_ACCOUNT", "FLOEDATA.FLOE_R_0123456789", "AB12345")).rejects.toThrow(
      /ShareRequest_consumer_kind_check/,
    );
  });

  it("refuses an own-account request without an identifier or posing as a reader account", async () => {
    await expect(insertRequest("OWN_ACCOUNT", "")).rejects.toThrow(/consumer/);
    await expect(insertRequest("OWN_ACCOUNT", "FLOEDATA.FLOE_R_ABCDEF0123")).rejects.toThrow(
      /ShareRequest_consumer_kind_check/,
    );
  });

  it("refuses a delivered login that still holds its password, and a bad account name", async () => {
    const request = await insertRequest("READER_ACCOUNT", "FLOEDATA.FLOE_R_AAAAAAAAAA");
    const row = { requestId: request.id, organizationId: request.organizationId, adminName: "FLOE_READER_ADMIN" };
    await expect(db.readerAccount.create({ data: { ...row, accountName: "floe_r_x" } })).rejects.toThrow(
      /ReaderAccount_names_check/,
    );
    await expect(
      db.readerAccount.create({
        data: { ...row, accountName: "FLOE_R_AAAAAAAAAA", deliveredAt: new Date(), passwordCiphertext: "sealed" },
      }),
    ).rejects.toThrow(/ReaderAccount_delivered_check/);
  });

  it("lets staff send a new link while the password is held, and refuses once it was shown or for a brand user", async () => {
    const request = await insertRequest("READER_ACCOUNT", "FLOEDATA.FLOE_R_BBBBBBBBBB");
    await db.readerAccount.create({
      data: {
        requestId: request.id,
        organizationId: request.organizationId,
        accountName: "FLOE_R_BBBBBBBBBB",
        adminName: "FLOE_READER_ADMIN",
        passwordCiphertext: "sealed",
      },
    });
    const staff = await createUser(db, { staffRole: "ACCOUNT_MANAGER" });
    const brandUser = await createUser(db);
    await expect(reissueCredentialLink({ requestId: request.id, actorId: brandUser.id })).rejects.toThrow(
      /account managers/,
    );
    await reissueCredentialLink({ requestId: request.id, actorId: staff.id });
    const issued = await db.readerAccount.findUniqueOrThrow({ where: { requestId: request.id } });
    expect(issued.linkTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.outboxEmail.count({ where: { requestId: request.id, kind: "reader_account.link_issued" } })).toBe(
      1,
    );

    await db.readerAccount.update({
      where: { requestId: request.id },
      data: { deliveredAt: new Date(), passwordCiphertext: null, linkTokenHash: null, linkExpiresAt: null },
    });
    await expect(reissueCredentialLink({ requestId: request.id, actorId: staff.id })).rejects.toThrow(/already shown/);
  });
});
