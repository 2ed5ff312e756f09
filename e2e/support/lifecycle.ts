// The request lifecycle for browser tests, through the real lib/ commands (lib/requests,
// lib/provisioning) — never by writing request rows directly.
//
// Why a child process (lifecycle-cli.ts) rather than importing lib/ here: Playwright's loader resolves the
// `@/` alias, `.ts` imports of the generated Prisma client and (under NODE_OPTIONS=--conditions=react-server,
// set by scripts/test.ts) `import "server-only"`, but lib/ imports engagement-lake.json without
// `with { type: "json" }`, which Node's ESM loader refuses in the Playwright worker. tsx accepts it.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { SubmitShareRequestOptions, SubmittedShareRequest } from "../../lib/requests/submit-share-request";
import { proveConsumerAccountForTest } from "../../lib/testing/account-proofs";
import { addMember, createTestBrand, testDb } from "./database";

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, "lifecycle-cli.ts");

async function call<T>(command: string, input: object): Promise<T> {
  try {
    const { stdout } = await run(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", cli, command, JSON.stringify(input)],
      {
        env: process.env,
        timeout: 60_000,
      },
    );
    return JSON.parse(stdout.trim().split("\n").pop() ?? "null") as T;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`lifecycle-cli ${command} failed${stderr ? `:\n${stderr}` : ""}`, { cause: error });
  }
}

/** Submits a request through lib/requests (same checks as the form's server action). */
export function submitRequest(options: SubmitShareRequestOptions) {
  return call<SubmittedShareRequest>("submit", options);
}

/** What an account manager's approve button does: record the decision, plan the run, enqueue it for the worker. */
export function approveRequest(requestId: string, approverEmail = "amelia@floe.example") {
  return call<{ requestId: string; runId: string }>("approve", { requestId, approverEmail });
}

/** An API token for the brand (lib/api, as the API page's create button), made by one of its owners. */
export function createApiTokenFor(options: { organizationId: string; actorId: string; scopes: string[] }) {
  return call<{ id: string; token: string }>("create-api-token", {
    organizationId: options.organizationId,
    actorId: options.actorId,
    input: { name: "e2e token", scopes: options.scopes },
  });
}

export type PendingRequestOptions = {
  /** Prefix of the brand's slug; the share name starts with FLOE_<PREFIX>_... so fault rules can target it. */
  slugPrefix?: string;
  consumerAccount?: string;
  consumerRegion?: string;
  workspaceRegion?: string;
  datasetKeys?: string[];
  /** Email of the staff member who owns the brand ("assigned to me"). */
  accountManagerEmail?: string;
  /** Submitted by this (staff) user instead of a brand member, to test self-approval. */
  requesterEmail?: string;
  /**
   * Whether the new brand counts as having proven control of the consumer account (default true: most
   * tests are about other things; false shows the proof-of-control step).
   */
  accountProven?: boolean;
};

/** A fresh brand (one workspace, one member) with one request waiting for approval, submitted through lib/. */
export async function createPendingRequest(options: PendingRequestOptions = {}) {
  const datasetKeys = options.datasetKeys ?? ["messaging-email"];
  const brand = await createTestBrand({
    slugPrefix: options.slugPrefix ?? "e2e",
    workspaces: [{ name: "Web", region: options.workspaceRegion ?? "AWS_US_EAST_1" }],
    members: [{ role: "MEMBER", name: "Requester" }],
    datasetKeys,
    accountManagerEmail: options.accountManagerEmail,
  });
  const requester = options.requesterEmail ? await addMember(brand, options.requesterEmail) : brand.members[0];
  const consumerAccount = options.consumerAccount ?? "ACMERETAIL.ANALYTICS";
  const consumerRegion = options.consumerRegion ?? "AWS_US_EAST_1";
  if (options.accountProven ?? true)
    await proveConsumerAccountForTest(testDb(), {
      organizationId: brand.organization.id,
      consumerAccount,
      consumerRegion,
    });
  const { id } = await submitRequest({
    organizationId: brand.organization.id,
    requestedById: requester.id,
    workspaceIds: brand.workspaces.map((w) => w.id),
    datasetKeys,
    consumerAccount,
    consumerRegion,
    includePii: false,
  });
  return { requestId: id, organization: brand.organization, requester, consumerAccount };
}

/** The share name the planner derives from the slug: FLOE_<SLUG IN CAPS, - → _>_<hash>. */
export function shareNamePrefix(slug: string): string {
  return `FLOE_${slug.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_`;
}
