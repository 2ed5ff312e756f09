import { z } from "zod";
import { requestStates, runKinds, runStates, stepStates } from "./api-enums";
import { CONSUMER_ACCOUNT_MAX_LENGTH, ID_MAX_LENGTH, REQUEST_NOTE_MAX_LENGTH } from "@/lib/limits";
import { apiErrorCodes } from "./api-errors";

// The public API's request and response bodies as zod schemas: routes parse with them, tests check every
// answer against them, and the OpenAPI document (openapi.ts) is generated from them, so the three cannot
// drift apart. The create body is plain JSON; its meaning is then checked by the very schema and command
// the portal's form uses (lib/portal/share-request.schema.ts, lib/requests/submit-share-request.ts).

const id = z.string().min(1).max(ID_MAX_LENGTH);
const isoDateTime = z.iso.datetime();
const isoDate = z.iso.date().describe("A calendar date (YYYY-MM-DD); the share ends at 00:00 UTC that day.");

export const createRequestBodySchema = z
  .strictObject({
    workspaceIds: z.array(id).min(1).max(50).describe("Workspaces of your organisation (GET /api/v1/workspaces)"),
    datasetKeys: z.array(z.string().min(1).max(64)).min(1).max(50).describe("Catalog dataset keys"),
    consumerAccount: z
      .string()
      .min(1)
      .max(CONSUMER_ACCOUNT_MAX_LENGTH)
      .describe("The Snowflake account to share into: ORG.ACCOUNT, ORG-ACCOUNT or its locator"),
    consumerRegion: z.string().min(1).max(64).describe("Snowflake region id, e.g. AWS_US_EAST_1"),
    includePii: z.boolean().optional(),
    note: z.string().max(REQUEST_NOTE_MAX_LENGTH).optional(),
    pastedAccountDetails: z
      .string()
      .max(10_000)
      .optional()
      .describe("Output of SELECT CURRENT_ACCOUNT(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME(), cross-checked"),
    endsAt: isoDate.optional(),
  })
  .meta({ id: "CreateRequest" });

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).max(400).optional(),
  state: z.enum(requestStates).optional(),
});

const shareSummary = z
  .object({ name: z.string(), activatedAt: isoDateTime.nullable(), revokedAt: isoDateTime.nullable() })
  .nullable();

export const requestSchema = z
  .object({
    id: z.string(),
    state: z.enum(requestStates),
    consumerAccount: z.string(),
    consumerLocator: z.string().nullable(),
    consumerRegion: z.string(),
    lakeRegion: z.string(),
    crossRegion: z.boolean(),
    includePii: z.boolean(),
    createdAt: isoDateTime,
    decidedAt: isoDateTime.nullable(),
    endsAt: isoDateTime.nullable(),
    workspaces: z.array(z.object({ id: z.string(), name: z.string() })),
    datasets: z.array(z.object({ key: z.string(), title: z.string() })),
    share: shareSummary,
  })
  .meta({ id: "Request" });

export const requestDetailSchema = requestSchema
  .extend({ note: z.string().nullable(), decisionReason: z.string().nullable(), failureStepKey: z.string().nullable() })
  .meta({ id: "RequestDetail" });

export const requestPageSchema = z
  .object({ items: z.array(requestSchema), nextCursor: z.string().nullable() })
  .meta({ id: "RequestPage" });

export const requestStatusSchema = z
  .object({
    requestId: z.string(),
    state: z.enum(requestStates),
    stateLabel: z.string(),
    updatedAt: isoDateTime,
    run: z
      .object({
        kind: z.enum(runKinds),
        state: z.enum(runStates),
        attempt: z.number().int(),
        startedAt: isoDateTime.nullable(),
        finishedAt: isoDateTime.nullable(),
      })
      .nullable(),
    steps: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        state: z.enum(stepStates),
        startedAt: isoDateTime.nullable(),
        finishedAt: isoDateTime.nullable(),
        durationMs: z.number().int().nullable(),
      }),
    ),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    failure: z.object({ title: z.string(), explanation: z.string(), nextStep: z.string() }).nullable(),
    proof: z.object({ statements: z.array(z.string()) }).nullable(),
    timeline: z.array(
      z.object({
        id: z.string(),
        at: isoDateTime,
        title: z.string(),
        detail: z.string().nullable(),
        tone: z.enum(["neutral", "success", "danger", "info"]),
      }),
    ),
  })
  .meta({ id: "RequestStatus" });

export const freshnessSchema = z
  .object({
    source: z.literal("stated").describe("Measured freshness is not available yet: this is the share's design"),
    replication: z.enum(["none", "scheduled"]),
    replicationIntervalMinutes: z.number().int().nullable(),
    description: z.string(),
  })
  .meta({ id: "Freshness" });

export const shareSchema = z
  .object({
    requestId: z.string(),
    name: z.string(),
    state: z.enum(requestStates),
    consumerAccount: z.string(),
    consumerRegion: z.string(),
    lakeRegion: z.string(),
    crossRegion: z.boolean(),
    activatedAt: isoDateTime.nullable(),
    revokedAt: isoDateTime.nullable(),
    endsAt: isoDateTime.nullable(),
    datasets: z.array(z.object({ key: z.string(), title: z.string() })),
    freshness: freshnessSchema,
  })
  .meta({ id: "Share" });

export const sharePageSchema = z
  .object({ items: z.array(shareSchema), nextCursor: z.string().nullable() })
  .meta({ id: "SharePage" });

export const workspaceListSchema = z
  .object({ items: z.array(z.object({ id: z.string(), name: z.string(), region: z.string() })) })
  .meta({ id: "WorkspaceList" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(apiErrorCodes),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    }),
    requestId: z.string().optional(),
  })
  .meta({ id: "Error" });
