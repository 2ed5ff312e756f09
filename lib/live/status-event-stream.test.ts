// The status routes' event streams, called as route handlers with a Request (only the session is
// injected, as in the reliability suite): the same guard as the JSON answer, the current status at once, a
// new event after each committed change (PostgreSQL NOTIFY → re-read), the end at a terminal state, and
// the per-event re-check of membership. Plus the stream's own bounds: heartbeats and the per-user limit.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type SessionUser = { id: string; email: string; name: string | null; staffRole: "ACCOUNT_MANAGER" | "ADMIN" | null };
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
// No session context: memberships are then read by findMembership, for the injected user.
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => session.user,
  getSessionContext: async () => null,
}));

import { db } from "@/lib/db";
import { GET as statusRoute } from "@/app/api/orgs/[orgSlug]/requests/[requestId]/status/route";
import { GET as runsRoute } from "@/app/api/console/requests/[requestId]/runs/route";
import { approveShareRequest } from "@/lib/requests/approve-share-request";
import { cancelShareRequest } from "@/lib/requests/cancel-share-request";
import { createBrand, fakePlan, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { processStatusHub } from "./process-status-hub";
import { openStatusStream, openStreamCount, type StatusStreamOptions } from "./status-event-stream";
import type { StatusHub } from "./status-notifications";

let brand: Brand;
let stranger: Brand;

beforeAll(async () => {
  [brand, stranger] = await Promise.all([createBrand(), createBrand()]);
});

afterAll(async () => {
  session.user = null;
  await processStatusHub().close();
});

type Event = { event: string; data: string };

/** Reads server-sent events from a response body, one at a time (comments and `retry:` lines are skipped). */
function eventReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const comments: string[] = [];
  return {
    comments,
    async next(timeoutMs = 5_000): Promise<Event | null> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          comments.push(...lines.filter((l) => l.startsWith(":")));
          const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
          const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
          if (event) return { event, data: data ?? "" };
          continue;
        }
        const left = until - Date.now();
        if (left <= 0) throw new Error("no event in time");
        const chunk = await Promise.race([
          reader.read(),
          new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left)),
        ]);
        if (chunk === "timeout") throw new Error("no event in time");
        if (chunk.done) return null;
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

const streamHeaders = { headers: { Accept: "text/event-stream" } };

function brandStream(orgSlug: string, requestId: string) {
  return statusRoute(new Request(`http://localhost/api/orgs/${orgSlug}/requests/${requestId}/status`, streamHeaders), {
    params: Promise.resolve({ orgSlug, requestId }),
  });
}

const asUser = (
  user: { id: string; email: string; name: string | null },
  staffRole: "ACCOUNT_MANAGER" | null = null,
) => {
  session.user = { id: user.id, email: user.email, name: user.name, staffRole };
};

describe("the brand's status stream", () => {
  it("sends the status at once, then every committed change, and ends at a terminal state", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    asUser(brand.viewer);
    const response = await brandStream(brand.organization.slug, requestId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const events = eventReader(response);
    const first = await events.next();
    expect(first?.event).toBe("status");
    expect(JSON.parse(first!.data)).toMatchObject({ requestId, state: "PENDING_APPROVAL" });

    await approveShareRequest({ requestId, approverId: brand.manager.id, ...fakePlan(brand) });
    const approved = await events.next();
    expect(JSON.parse(approved!.data)).toMatchObject({ state: "APPROVED", progress: { done: 0, total: 3 } });
    await events.cancel();
  });

  it("ends with `end` after a terminal state", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    asUser(brand.member);
    const events = eventReader(await brandStream(brand.organization.slug, requestId));
    expect((await events.next())?.event).toBe("status");
    await cancelShareRequest({ requestId, organizationId: brand.organization.id, actorId: brand.member.id });
    expect(JSON.parse((await events.next())!.data)).toMatchObject({ state: "CANCELLED" });
    expect((await events.next())?.event).toBe("end");
    expect(await events.next()).toBeNull();
  });

  it("authorizes like the JSON answer: another brand's owner and a signed-out caller get no stream", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    asUser(stranger.owner);
    expect((await brandStream(brand.organization.slug, requestId)).status).toBe(404);
    expect((await brandStream(stranger.organization.slug, requestId)).status).toBe(404);
    session.user = null;
    expect((await brandStream(brand.organization.slug, requestId)).status).toBe(401);
  });

  it("re-checks the membership before every event: a member removed mid-stream gets `gone`, not the change", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    const { createUser } = await import("@/prisma/seed/factories");
    const leaver = await createUser(db, {});
    const membership = await db.membership.create({
      data: { userId: leaver.id, organizationId: brand.organization.id, role: "VIEWER" },
    });
    asUser(leaver);
    const events = eventReader(await brandStream(brand.organization.slug, requestId));
    expect((await events.next())?.event).toBe("status");
    await db.membership.delete({ where: { id: membership.id } });
    await approveShareRequest({ requestId, approverId: brand.manager.id, ...fakePlan(brand) });
    expect((await events.next())?.event).toBe("gone");
    expect(await events.next()).toBeNull();
  });
});

describe("the console's runs stream", () => {
  it("is for staff only, and pushes the run as it is created", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    const call = () =>
      runsRoute(new Request(`http://localhost/api/console/requests/${requestId}/runs`, streamHeaders), {
        params: Promise.resolve({ requestId }),
      });
    asUser(brand.owner);
    expect((await call()).status).toBe(404);
    asUser(brand.manager, "ACCOUNT_MANAGER");
    const events = eventReader(await call());
    expect(JSON.parse((await events.next())!.data)).toMatchObject({ requestId, state: "PENDING_APPROVAL", runs: [] });
    await approveShareRequest({ requestId, approverId: brand.manager.id, ...fakePlan(brand) });
    const next = JSON.parse((await events.next())!.data);
    expect(next).toMatchObject({ state: "APPROVED" });
    expect(next.runs).toHaveLength(1);
    await events.cancel();
  });
});

describe("openStatusStream bounds", () => {
  const quietHub: StatusHub = {
    subscribe: () => () => {},
    ready: async () => {},
    subscriberCount: () => 0,
    close: async () => {},
  };
  const options = (
    userId: string,
    extra: Partial<StatusStreamOptions<{ n: number }>> = {},
  ): StatusStreamOptions<{ n: number }> => ({
    request: new Request("http://localhost/x"),
    hub: quietHub,
    requestId: "r1",
    userId,
    authorize: async () => true,
    load: async () => ({ n: 1 }),
    settled: () => false,
    ...extra,
  });

  it("sends a keep-alive comment while nothing changes, so proxies keep the connection", async () => {
    const events = eventReader(openStatusStream(options("u-heartbeat", { limits: { heartbeatMs: 30 } })));
    expect((await events.next())?.event).toBe("status");
    await expect(events.next(200)).rejects.toThrow(/no event in time/);
    expect(events.comments).toContain(": keep-alive");
    await events.cancel();
  });

  it("refuses a user's stream beyond the per-user limit with 429, and frees the slot when a stream closes", async () => {
    const before = openStreamCount();
    const open = [
      openStatusStream(options("u-limit", { limits: { perUser: 2 } })),
      openStatusStream(options("u-limit", { limits: { perUser: 2 } })),
    ];
    expect(() => openStatusStream(options("u-limit", { limits: { perUser: 2 } }))).toThrow(/Too many live views/);
    expect(openStreamCount()).toBe(before + 2);
    await open[0].body!.cancel();
    expect(openStreamCount()).toBe(before + 1);
    const again = openStatusStream(options("u-limit", { limits: { perUser: 2 } }));
    await Promise.all([open[1].body!.cancel(), again.body!.cancel()]);
    expect(openStreamCount()).toBe(before);
  });
});
