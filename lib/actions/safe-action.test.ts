// The action factory against a real database (memberships are real rows made by the seed factories); the
// only stand-in is the session lookup, injected through createActionFactory.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findMembership } from "@/lib/auth/membership";
import type { SessionUser } from "@/lib/auth/session";
import { createActionFactory } from "@/lib/actions/safe-action";
import { createOrganization, createUser } from "@/prisma/seed/factories";
import { logger } from "@/lib/logger";

let signedIn: SessionUser | null = null;
const getSessionUser = vi.fn(async () => signedIn);
const { authedAction, orgScopedAction, accountManagerAction, adminAction } = createActionFactory({
  getSessionUser,
  findMembership,
});

type Fixture = Awaited<ReturnType<typeof createOrganization>>;
let brand: Fixture;
let otherBrand: Fixture;
let manager: SessionUser;
let admin: SessionUser;

const asSessionUser = (u: {
  id: string;
  email: string;
  name: string | null;
  staffRole?: SessionUser["staffRole"];
}): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  staffRole: u.staffRole ?? null,
});
const member = (fixture: Fixture, role: string) => asSessionUser(fixture.members.find((m) => m.role === role)!);

beforeAll(async () => {
  brand = await createOrganization(db, { members: [{ role: "OWNER" }, { role: "MEMBER" }, { role: "VIEWER" }] });
  otherBrand = await createOrganization(db, { members: [{ role: "OWNER" }] });
  manager = asSessionUser(await createUser(db, { staffRole: "ACCOUNT_MANAGER" }));
  admin = asSessionUser(await createUser(db, { staffRole: "ADMIN" }));
});

afterAll(async () => {
  await db.$disconnect();
});

const echoSchema = z.object({ orgSlug: z.string(), note: z.string().min(3, "Too short") });

describe("authedAction", () => {
  const whoAmI = authedAction({ name: "whoAmI", schema: z.object({}) }, async (_input, ctx) => ctx.user.email);

  it("refuses a signed-out caller without running the handler", async () => {
    signedIn = null;
    const handler = vi.fn(async () => "ran");
    const action = authedAction({ name: "t", schema: z.object({}) }, handler);
    expect(await action({})).toEqual({ ok: false, message: "Your session has ended. Please sign in again." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands the session user to the handler", async () => {
    signedIn = member(brand, "OWNER");
    expect(await whoAmI({})).toEqual({ ok: true, data: signedIn.email });
  });

  it("parses input first: invalid input gives field errors and no session lookup", async () => {
    getSessionUser.mockClear();
    const action = authedAction({ name: "t", schema: echoSchema }, async (input) => input.note);
    const result = await action({ orgSlug: "x", note: "a" });
    expect(result).toEqual({
      ok: false,
      message: "Please correct the highlighted fields.",
      fieldErrors: { note: ["Too short"] },
    });
    expect(getSessionUser).not.toHaveBeenCalled();
  });

  it("accepts (formData) and the useActionState shape (prevState, formData)", async () => {
    signedIn = member(brand, "OWNER");
    const action = authedAction({ name: "t", schema: echoSchema }, async (input) => input.note);
    const form = new FormData();
    form.set("orgSlug", "x");
    form.set("note", "hello");
    expect(await action(form)).toEqual({ ok: true, data: "hello" });
    expect(await action({ ok: false, message: "earlier" }, form)).toEqual({ ok: true, data: "hello" });
  });

  it("passes an AppError's message and field errors through", async () => {
    signedIn = member(brand, "OWNER");
    const action = authedAction({ name: "t", schema: z.object({}) }, async () => {
      throw new AppError("INVALID_STATE", "This request was already approved.", {
        fieldErrors: { reason: ["Required"] },
      });
    });
    expect(await action({})).toEqual({
      ok: false,
      message: "This request was already approved.",
      fieldErrors: { reason: ["Required"] },
    });
  });

  it("hides any other error behind a generic message with a request id, and logs it", async () => {
    signedIn = member(brand, "OWNER");
    const log = vi.spyOn(logger, "error").mockImplementation(() => {});
    const action = authedAction({ name: "boom", schema: z.object({}) }, async () => {
      throw new Error('relation "secret_table" does not exist');
    });
    const result = await action({});
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.message;
    expect(message).not.toContain("secret_table");
    const requestId = /reference (\w+)/.exec(message)?.[1];
    expect(requestId).toBeTruthy();
    expect(log.mock.calls[0]?.[0]).toMatchObject({
      requestId,
      action: "boom",
      err: expect.objectContaining({ message: 'relation "secret_table" does not exist' }),
    });
    log.mockRestore();
  });

  it("lets redirect() through as control flow", async () => {
    signedIn = member(brand, "OWNER");
    const action = authedAction({ name: "t", schema: z.object({}) }, async () => redirect("/elsewhere"));
    await expect(action({})).rejects.toThrow(/NEXT_REDIRECT/);
  });
});

describe("orgScopedAction", () => {
  const slugOf = (f: Fixture) => f.organization.slug;

  it("gives a member the organisation and role from the database", async () => {
    signedIn = member(brand, "VIEWER");
    const action = orgScopedAction({ name: "t", schema: echoSchema }, async (_input, ctx) => ({
      orgId: ctx.organization.id,
      role: ctx.membership.role,
    }));
    expect(await action({ orgSlug: slugOf(brand), note: "hello" })).toEqual({
      ok: true,
      data: { orgId: brand.organization.id, role: "VIEWER" },
    });
  });

  it("answers another brand's slug exactly like a slug that does not exist", async () => {
    signedIn = member(brand, "OWNER");
    const handler = vi.fn(async () => "ran");
    const action = orgScopedAction({ name: "t", schema: echoSchema }, handler);
    const foreign = await action({ orgSlug: slugOf(otherBrand), note: "hello" });
    const missing = await action({ orgSlug: "no-such-brand-anywhere", note: "hello" });
    expect(foreign).toEqual({ ok: false, message: "We could not find that organisation." });
    expect(missing).toEqual(foreign);
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers an overlong slug like a missing one, without looking it up", async () => {
    signedIn = member(brand, "OWNER");
    const lookup = vi.fn(findMembership);
    const factory = createActionFactory({ getSessionUser, findMembership: lookup });
    const action = factory.orgScopedAction({ name: "t", schema: z.object({ orgSlug: z.string() }) }, async () => "ran");
    expect(await action({ orgSlug: "s".repeat(5_000_000) })).toEqual({
      ok: false,
      message: "We could not find that organisation.",
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it("enforces minRole: VIEWER < MEMBER < OWNER", async () => {
    const action = orgScopedAction({ name: "t", schema: echoSchema, minRole: "MEMBER" }, async () => "ran");
    const input = { orgSlug: slugOf(brand), note: "hello" };
    signedIn = member(brand, "VIEWER");
    expect(await action(input)).toMatchObject({ ok: false, message: expect.stringContaining("role") });
    signedIn = member(brand, "MEMBER");
    expect(await action(input)).toEqual({ ok: true, data: "ran" });
    signedIn = member(brand, "OWNER");
    expect(await action(input)).toEqual({ ok: true, data: "ran" });
  });

  it("does not let staff act inside a brand they are not a member of", async () => {
    signedIn = admin;
    const action = orgScopedAction({ name: "t", schema: echoSchema }, async () => "ran");
    expect(await action({ orgSlug: slugOf(brand), note: "hello" })).toEqual({
      ok: false,
      message: "We could not find that organisation.",
    });
  });
});

describe("accountManagerAction and adminAction", () => {
  const staffOnly = accountManagerAction({ name: "t", schema: z.object({}) }, async (_input, ctx) => ctx.staffRole);
  const adminOnly = adminAction({ name: "t", schema: z.object({}) }, async (_input, ctx) => ctx.user.id);

  it("refuses brand users", async () => {
    signedIn = member(brand, "OWNER");
    expect(await staffOnly({})).toEqual({ ok: false, message: "Only Floe staff can do this." });
    expect(await adminOnly({})).toMatchObject({ ok: false });
  });

  it("admits account managers to staff actions but not to admin actions", async () => {
    signedIn = manager;
    expect(await staffOnly({})).toEqual({ ok: true, data: "ACCOUNT_MANAGER" });
    expect(await adminOnly({})).toEqual({ ok: false, message: "Only Floe administrators can do this." });
  });

  it("admits admins to both", async () => {
    signedIn = admin;
    expect(await staffOnly({})).toEqual({ ok: true, data: "ADMIN" });
    expect(await adminOnly({})).toEqual({ ok: true, data: admin.id });
  });

  it("denies a staff role Floe does not know", async () => {
    signedIn = { ...manager, staffRole: "SUPERUSER" as SessionUser["staffRole"] };
    expect(await staffOnly({})).toEqual({ ok: false, message: "Only Floe staff can do this." });
  });
});
