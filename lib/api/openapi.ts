import { z } from "zod";
import {
  createRequestBodySchema,
  errorSchema,
  requestDetailSchema,
  requestPageSchema,
  requestStatusSchema,
  sharePageSchema,
  workspaceListSchema,
} from "./api-schemas";
import { createErasureBodySchema, erasurePageSchema, erasureSchema } from "./api-erasure-schemas";
import { requestStates } from "./api-enums";
import { apiScopeDescriptions } from "./api-scopes";

// The OpenAPI 3.1 document of /api/v1, built from the same zod schemas the routes parse and answer with
// (z.toJSONSchema, draft 2020-12 — what OpenAPI 3.1 uses). Served at /api/v1/openapi.json. Pure.

const schemas = {
  CreateRequest: createRequestBodySchema,
  RequestDetail: requestDetailSchema,
  RequestPage: requestPageSchema,
  RequestStatus: requestStatusSchema,
  SharePage: sharePageSchema,
  WorkspaceList: workspaceListSchema,
  CreateErasure: createErasureBodySchema,
  Erasure: erasureSchema,
  ErasurePage: erasurePageSchema,
  Error: errorSchema,
} as const;

type SchemaName = keyof typeof schemas;

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id?: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: name });
  const { schemas: out } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  // Each component is embedded in the document: drop the per-schema $id/$schema keywords.
  return Object.fromEntries(
    Object.entries(out).map(([name, s]) => {
      const { $id: _id, $schema: _schema, ...rest } = s as Record<string, unknown>;
      return [name, rest];
    }),
  );
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName) => ({ "application/json": { schema: ref(name) } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: errorDescriptions[s], content: json("Error") }]));

const errorDescriptions: Record<number, string> = {
  400: "Invalid input (INVALID_INPUT), with fieldErrors",
  401: "Missing, unknown or revoked token (INVALID_TOKEN)",
  403: "The token lacks the scope (INSUFFICIENT_SCOPE), or its owner's role does not allow this (FORBIDDEN)",
  404: "No such request in your organisation (NOT_FOUND)",
  409: "Duplicate request (DUPLICATE_REQUEST), or the request's state does not allow this (INVALID_STATE, or CONFLICT when it moved on meanwhile)",
  429: "Rate limit per token (RATE_LIMITED); see Retry-After",
};

const requestIdParam = {
  name: "requestId",
  in: "path",
  required: true,
  schema: { type: "string", maxLength: 100 },
};
const pageParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 25 } },
  { name: "cursor", in: "query", description: "nextCursor of the previous page", schema: { type: "string" } },
];
const security = (scope: string) => [{ bearer: [scope] }];
const erasureIdParam = { ...requestIdParam, name: "erasureId" };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Floe API",
      version: "1.0.0",
      description:
        "Share requests of your organisation: create, list, read, cancel, follow their status, and list shares; " +
        "GDPR erasure requests and their receipts. " +
        "Authenticate with an API token created by an owner (Authorization: Bearer floe_pat_…). See docs/api.md.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: `Scopes: ${Object.entries(apiScopeDescriptions)
            .map(([s, d]) => `${s} — ${d}`)
            .join("; ")}`,
        },
      },
      schemas: componentSchemas(),
    },
    paths: {
      "/workspaces": {
        get: {
          operationId: "listWorkspaces",
          security: security("read"),
          responses: {
            200: { description: "Your organisation's workspaces", content: json("WorkspaceList") },
            ...errors(401, 403, 429),
          },
        },
      },
      "/requests": {
        get: {
          operationId: "listRequests",
          security: security("read"),
          parameters: [
            ...pageParams,
            { name: "state", in: "query", schema: { type: "string", enum: [...requestStates] } },
          ],
          responses: {
            200: { description: "Newest first, keyset-paginated", content: json("RequestPage") },
            ...errors(400, 401, 403, 429),
          },
        },
        post: {
          operationId: "createRequest",
          security: security("requests:write"),
          requestBody: { required: true, content: json("CreateRequest") },
          responses: {
            201: { description: "Created (PENDING_APPROVAL)", content: json("RequestDetail") },
            ...errors(400, 401, 403, 409, 429),
          },
        },
      },
      "/requests/{requestId}": {
        get: {
          operationId: "getRequest",
          security: security("read"),
          parameters: [requestIdParam],
          responses: {
            200: { description: "The request", content: json("RequestDetail") },
            ...errors(401, 403, 404, 429),
          },
        },
      },
      "/requests/{requestId}/cancel": {
        post: {
          operationId: "cancelRequest",
          security: security("requests:write"),
          parameters: [requestIdParam],
          responses: {
            200: { description: "Cancelled", content: json("RequestDetail") },
            ...errors(401, 403, 404, 409, 429),
          },
        },
      },
      "/requests/{requestId}/status": {
        get: {
          operationId: "getRequestStatus",
          security: security("read"),
          parameters: [requestIdParam],
          responses: {
            200: { description: "State, run progress and timeline", content: json("RequestStatus") },
            ...errors(401, 403, 404, 429),
          },
        },
      },
      "/erasures": {
        get: {
          operationId: "listErasures",
          security: security("read"),
          parameters: [{ name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } }],
          responses: {
            200: { description: "Newest first, 20 per page", content: json("ErasurePage") },
            ...errors(401, 403, 429),
          },
        },
        post: {
          operationId: "createErasure",
          security: security("erasures:write"),
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              description: "The same key again returns the request the first call made (200), creating nothing",
              schema: { type: "string", minLength: 1, maxLength: 200 },
            },
          ],
          requestBody: { required: true, content: json("CreateErasure") },
          responses: {
            201: { description: "Filed (QUEUED); the worker erases and verifies it", content: json("Erasure") },
            200: { description: "An earlier call with this Idempotency-Key", content: json("Erasure") },
            ...errors(400, 401, 403, 404, 429),
          },
        },
      },
      "/erasures/{erasureId}": {
        get: {
          operationId: "getErasure",
          security: security("read"),
          parameters: [erasureIdParam],
          responses: {
            200: { description: "The request and its receipt", content: json("Erasure") },
            ...errors(401, 403, 404, 429),
          },
        },
      },
      "/shares": {
        get: {
          operationId: "listShares",
          security: security("read"),
          parameters: pageParams,
          responses: {
            200: {
              description: "Requests that have a Snowflake share, with stated freshness",
              content: json("SharePage"),
            },
            ...errors(400, 401, 403, 429),
          },
        },
      },
    },
  };
}
