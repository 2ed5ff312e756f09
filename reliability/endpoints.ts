// The authorization matrix as a spec: for every server action and route handler, who may call it. The
// test discovers the endpoints from app/ and fails on any endpoint missing here (or listed here but gone),
// so a new action or route cannot ship without someone deciding who may use it.
//
// Personas, all relative to one brand ("the brand") that owns every object the calls touch:
//   signedOut, viewer / member / owner of the brand, otherOwner (owner of another brand), accountManager, admin.

export const personas = ["signedOut", "viewer", "member", "owner", "otherOwner", "accountManager", "admin"] as const;
export type Persona = (typeof personas)[number];

const everyone: Persona[] = [...personas];
const staff: Persona[] = ["accountManager", "admin"];
const brandReaders: Persona[] = ["viewer", "member", "owner"];
const brandWriters: Persona[] = ["member", "owner"];

export type EndpointSpec = { allowed: Persona[]; why: string };

export const endpointSpecs: Record<string, EndpointSpec> = {
  // Console (account managers; admin changes for admins only).
  "action app/(console)/console/actions.ts#approveRequestAction": { allowed: staff, why: "decisions are the vendor's" },
  "action app/(console)/console/actions.ts#rejectRequestAction": { allowed: staff, why: "decisions are the vendor's" },
  "action app/(console)/console/actions.ts#retryRunAction": { allowed: staff, why: "runs are operated by staff" },
  "action app/(console)/console/actions.ts#cancelRunAction": { allowed: staff, why: "runs are operated by staff" },
  "action app/(console)/console/actions.ts#revokeShareAction": { allowed: staff, why: "staff may revoke any share" },
  "action app/(console)/console/actions.ts#waiveProofAction": {
    allowed: staff,
    why: "waiving the proof of account control is a vendor decision",
  },
  "action app/(console)/console/actions.ts#reapplyShareAction": {
    allowed: staff,
    why: "re-applying a share's plan in Snowflake is operated by staff",
  },
  "action app/(console)/console/actions.ts#previewShareAction": {
    allowed: staff,
    why: "reading a share as its consumer sees it crosses brands: staff only",
  },
  "action app/(console)/console/actions.ts#updateProviderAccountAction": {
    allowed: ["admin"],
    why: "Snowflake credentials: admins only",
  },
  "action app/(console)/console/actions.ts#grantAccountManagerAction": {
    allowed: ["admin"],
    why: "staff roles: admins only",
  },
  "action app/(console)/console/actions.ts#revokeAccountManagerAction": {
    allowed: ["admin"],
    why: "staff roles: admins only",
  },
  "action app/(console)/console/actions.ts#allowSsoLinkAction": {
    allowed: ["admin"],
    why: "linking an SSO identity to a staff user: admins only",
  },
  "action app/(console)/console/actions.ts#acknowledgeAlertAction": {
    allowed: staff,
    why: "pipeline alerts are the vendor's operations",
  },
  // Brand portal: members of the brand only; staff are not members, so they are refused like strangers.
  "action app/(portal)/o/[orgSlug]/catalog/[datasetKey]/actions.ts#refreshPreviewAction": {
    allowed: brandReaders,
    why: "reading a preview is for every member",
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#cancelRequestAction": {
    allowed: brandWriters,
    why: "viewers read only",
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#requestRevocationAction": {
    allowed: brandWriters,
    why: "viewers read only",
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#proveAccountAction": {
    allowed: brandWriters,
    why: "the brand proves its own account; viewers read only",
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#checkMyShareAction": {
    allowed: brandWriters,
    why: "a check can start a repair run; viewers read only",
  },
  // Reader accounts (issue 20 item 5): the single-use login opens for a member holding the link's token (owners and
  // the requester also without it, checked in lib/reader-accounts); viewers never see credentials.
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/reader-login/actions.ts#revealReaderLoginAction": {
    allowed: brandWriters,
    why: "a reader account's login is for those who may use the share; viewers read only",
  },
  "action app/(portal)/o/[orgSlug]/requests/new/actions.ts#submitShareRequestAction": {
    allowed: brandWriters,
    why: "viewers read only",
  },
  // API access and share lifecycle (issue 20): tokens and webhooks are the owners'; renewals the brand's
  // writers'; end dates, renewal decisions and revoking any token are the vendor's.
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#createApiTokenAction": {
    allowed: ["owner"],
    why: "an API token acts for the organisation: owners only",
  },
  // GDPR erasure (issue 17): irreversible, so the brand's owners file; staff file on a brand's behalf and retry.
  "action app/(portal)/o/[orgSlug]/erasures/new/actions.ts#submitErasureAction": {
    allowed: ["owner"],
    why: "an erasure cannot be undone: owners only",
  },
  "action app/(console)/console/erasures/actions.ts#fileErasureForBrandAction": {
    allowed: staff,
    why: "staff file erasures on a brand's behalf (recorded as staff)",
  },
  "action app/(console)/console/erasures/actions.ts#retryErasureAction": {
    allowed: staff,
    why: "erasure jobs are operated by staff",
  },
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#revokeApiTokenAction": {
    allowed: ["owner"],
    why: "owners manage the organisation's tokens",
  },
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#createWebhookEndpointAction": {
    allowed: ["owner"],
    why: "where the organisation's events go: owners only",
  },
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#disableWebhookEndpointAction": {
    allowed: ["owner"],
    why: "owners manage the organisation's webhooks",
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#requestRenewalAction": {
    allowed: brandWriters,
    why: "viewers read only",
  },
  "action app/(console)/console/requests/[requestId]/reader-account/actions.ts#reissueReaderLinkAction": {
    allowed: staff,
    why: "a new login link for a reader account is the vendor's to send",
  },
  "action app/(console)/console/requests/[requestId]/actions.ts#setEndDateAction": {
    allowed: staff,
    why: "a share's end date is a vendor decision (the brand asks for a renewal)",
  },
  "action app/(console)/console/requests/[requestId]/actions.ts#decideRenewalAction": {
    allowed: staff,
    why: "decisions are the vendor's",
  },
  "action app/(console)/console/requests/[requestId]/actions.ts#staffRevokeApiTokenAction": {
    allowed: staff,
    why: "staff may revoke any brand's token",
  },
  // The public API: each persona calls with a token of its own (staff and strangers have none: 401). The
  // token acts as its creator with their current role, so a viewer's token reads and never writes.
  "route GET /api/v1/openapi.json": { allowed: everyone, why: "the API's public description" },
  "route GET /api/v1/workspaces": { allowed: brandReaders, why: "the token's organisation's workspaces" },
  "route GET /api/v1/requests": { allowed: brandReaders, why: "the token's organisation's requests" },
  "route POST /api/v1/requests": { allowed: brandWriters, why: "viewers read only, as in the portal" },
  "route GET /api/v1/requests/[requestId]": { allowed: brandReaders, why: "the brand's own request" },
  "route POST /api/v1/requests/[requestId]/cancel": { allowed: brandWriters, why: "viewers read only" },
  "route GET /api/v1/requests/[requestId]/status": { allowed: brandReaders, why: "the brand's own request" },
  "route GET /api/v1/erasures": { allowed: brandReaders, why: "the token's organisation's erasure requests" },
  "route POST /api/v1/erasures": {
    allowed: ["owner"],
    why: "an erasure cannot be undone: owners only, as in the portal",
  },
  "route GET /api/v1/erasures/[erasureId]": { allowed: brandReaders, why: "the brand's own erasure receipt" },
  "route GET /api/v1/shares": { allowed: brandReaders, why: "the token's organisation's shares" },
  // Route handlers.
  "route GET /api/auth/[...nextauth]": {
    allowed: everyone,
    why: "authentication itself; answers with the caller's own session only",
  },
  "route POST /api/auth/[...nextauth]": {
    allowed: [],
    why: "every state-changing auth call needs next-auth's CSRF token; probed without it (a cross-site POST)",
  },
  "route GET /api/console/audit/export": { allowed: staff, why: "the whole audit log" },
  "route GET /api/console/organizations": { allowed: staff, why: "every brand's name (the queue's brand filter)" },
  "route GET /api/console/requests/[requestId]/runs": { allowed: staff, why: "run internals (SQL, Snowflake errors)" },
  "route GET /api/health": { allowed: everyone, why: "load balancers; says up/down only" },
  "route GET /api/orgs/[orgSlug]/catalog/[datasetKey]/dictionary": {
    allowed: brandReaders,
    why: "the brand's contracted datasets",
  },
  "route POST /api/orgs/[orgSlug]/erasures/upload": {
    allowed: ["owner"],
    why: "the erasure CSV upload: an erasure cannot be undone, owners only, as the form's action",
  },
  "route GET /api/orgs/[orgSlug]/requests/[requestId]/status": {
    allowed: brandReaders,
    why: "the brand's own request",
  },
};
