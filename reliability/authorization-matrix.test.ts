// The authorization matrix: every server action and route handler (discovered from app/) × seven personas,
// each cell called for real — actions through the action factory, route handlers with a Request — with only
// the session injected. An allowed cell must succeed; a denied one must be refused by authorization and
// leave every application table exactly as it was.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => {
  const { session } = await import("./support/session");
  // No session context: memberships are then read by findMembership, for the injected user.
  return { getSessionUser: async () => session.user, getSessionContext: async () => null };
});

import { db } from "@/lib/db";
import { stopBoss } from "@/lib/provisioning/queue";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import { endpointSpecs, personas, type Persona } from "./endpoints";
import { discoverEndpoints, type DiscoveredEndpoint } from "./support/discover";
import { fingerprint } from "./support/fingerprint";
import { csrfProbe, sessionProbe } from "./support/next-auth-probes";
import { probes, type Outcome } from "./support/probes";
import { writeResult } from "./support/results";
import { signInAs } from "./support/session";
import { createWorld, type World } from "./support/world";

let harness: Harness;
let world: World;
let endpoints: DiscoveredEndpoint[];

beforeAll(async () => {
  harness = await startProvisioningHarness();
  world = await createWorld();
  endpoints = await discoverEndpoints();
}, 120_000);

afterAll(async () => {
  signInAs(null);
  await stopBoss();
  await harness?.stop();
  await db.$disconnect();
});

const userOf = (persona: Persona) => (persona === "signedOut" ? null : world.users[persona]);

async function probe(
  endpoint: DiscoveredEndpoint,
  persona: Persona,
): Promise<{ outcome: Outcome; changed: string[] | null }> {
  const user = userOf(persona);
  if (endpoint.id === "route GET /api/auth/[...nextauth]")
    return { outcome: await sessionProbe(endpoint.fn, user), changed: null };
  if (endpoint.id === "route POST /api/auth/[...nextauth]") {
    const before = await fingerprint();
    const outcome = await csrfProbe(endpoint.fn, user);
    return { outcome, changed: diff(before, await fingerprint()) };
  }
  const call = await probes[endpoint.id].setup(world);
  const before = await fingerprint();
  signInAs(user);
  try {
    const outcome = await call(endpoint.fn);
    return { outcome, changed: outcome.kind === "denied" ? diff(before, await fingerprint()) : null };
  } finally {
    signInAs(null);
  }
}

function diff(
  before: Record<string, { rows: number; hash: string }>,
  after: Record<string, { rows: number; hash: string }>,
): string[] {
  // Rate-limit counters count every call, allowed or refused, by design (the public API counts per token
  // before the handler can tell another organisation's id from a missing one): not a change a denial made.
  return Object.keys(after)
    .filter((t) => t !== "RateLimitBucket")
    .filter((t) => before[t]?.hash !== after[t].hash || before[t]?.rows !== after[t].rows);
}

describe("authorization matrix", () => {
  it("lists every discovered endpoint in the spec, and nothing else", () => {
    const discovered = endpoints.map((e) => e.id).sort();
    expect(discovered).toEqual(Object.keys(endpointSpecs).sort());
    const probed = [
      ...Object.keys(probes),
      "route GET /api/auth/[...nextauth]",
      "route POST /api/auth/[...nextauth]",
    ].sort();
    expect(probed, "every endpoint has a probe").toEqual(discovered);
  });

  it("allows and denies each endpoint × persona cell as the spec says, and a denial changes nothing", async () => {
    const cells: {
      endpoint: string;
      persona: Persona;
      expected: string;
      actual: string;
      detail: string;
      changed: string[];
    }[] = [];
    for (const endpoint of endpoints) {
      const spec = endpointSpecs[endpoint.id];
      for (const persona of personas) {
        const { outcome, changed } = await probe(endpoint, persona);
        cells.push({
          endpoint: endpoint.id,
          persona,
          expected: spec.allowed.includes(persona) ? "allowed" : "denied",
          actual: outcome.kind,
          detail: outcome.detail,
          changed: changed ?? [],
        });
      }
    }
    const wrong = cells.filter((c) => c.expected !== c.actual || c.changed.length > 0);
    const allowed = cells.filter((c) => c.actual === "allowed").length;
    const denied = cells.filter((c) => c.actual === "denied").length;
    console.log(
      `authorization matrix: ${cells.length} cells checked (${endpoints.length} endpoints × ${personas.length} personas): ${allowed} allowed, ${denied} denied, ${wrong.length} wrong`,
    );
    writeResult("authorization", {
      endpoints: endpoints.length,
      personas: personas.length,
      cells: cells.length,
      allowed,
      denied,
      wrong: wrong.length,
      deniedWithDatabaseUnchanged: cells.filter((c) => c.actual === "denied" && c.changed.length === 0).length,
      matrix: cells.map(({ endpoint, persona, actual, detail }) => ({ endpoint, persona, outcome: actual, detail })),
    });
    expect(wrong).toEqual([]);
    expect(cells).toHaveLength(endpoints.length * personas.length);
  }, 400_000); // 50 endpoints × 7 personas with a fresh world object each: 120 s was not enough at load 20+
});
