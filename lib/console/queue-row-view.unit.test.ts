// The queue's compact rows (lib/console/queue-row-view.ts): what the client table renders must say what the
// server-rendered table said, and leave out what is usually empty (the page's bytes, issue 15).
import { expect, test } from "vitest";
import type { QueueRow } from "@/lib/console/queue";
import { queueRegionNames, queueRowView } from "./queue-row-view";

const now = new Date("2026-12-01T12:00:00Z");
const row = (overrides: Partial<QueueRow> = {}): QueueRow => ({
  id: "req_1",
  state: "PENDING_APPROVAL",
  consumerAccount: "ACME.ANALYTICS",
  consumerLocator: null,
  consumerRegion: "AWS_US_EAST_1",
  lakeRegion: "AWS_US_EAST_1",
  crossRegion: false,
  createdAt: new Date("2026-11-28T12:00:00Z"),
  organization: { name: "Acme", slug: "acme", accountManagerId: "manager_1" },
  requestedBy: { name: null, email: "olivia@acme.example" },
  datasets: [{ dataset: { title: "App sessions" } }, { dataset: { title: "Purchases" } }],
  ...overrides,
});

test("an in-region row of another manager's brand carries no cross-region or 'yours' field", () => {
  expect(queueRowView(row(), "someone_else", now)).toEqual({
    id: "req_1",
    account: "ACME.ANALYTICS",
    state: "PENDING_APPROVAL",
    brand: "Acme",
    by: "olivia@acme.example",
    region: "AWS_US_EAST_1",
    datasets: "App sessions, Purchases",
    at: "2026-11-28T12:00:00.000Z",
    age: "3 days ago",
  });
});

test("the viewer's own brand and a cross-region request say so; the requester's name wins over the email", () => {
  const view = queueRowView(
    row({ crossRegion: true, lakeRegion: "AWS_EU_CENTRAL_1", requestedBy: { name: "Olivia", email: "o@x" } }),
    "manager_1",
    now,
  );
  expect(view).toMatchObject({ mine: true, from: "AWS_EU_CENTRAL_1", by: "Olivia" });
  expect(queueRegionNames([view])).toEqual({
    AWS_US_EAST_1: "AWS · US East (N. Virginia)",
    AWS_EU_CENTRAL_1: "AWS · EU (Frankfurt)",
  });
});

test("a region Floe does not know gets no display name (the table shows its id alone)", () => {
  expect(queueRegionNames([queueRowView(row({ consumerRegion: "MOON_BASE_1" }), "x", now)])).toEqual({});
});
