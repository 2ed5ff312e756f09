// Every field of every form, action and route that takes user input, each with the valid input around it
// (so a refusal can only be about that field) and the policy it must follow:
//   refuse  — every hostile value is refused with a specific message, nothing stored;
//   text    — free text: stored verbatim as data when it is inert, refused when it carries controls;
//   default — a checkbox: anything but "on"/true leaves PII off;
//   inert   — a search or a filter: answered (dropped or matched as plain data), never an error page.
import * as consoleActions from "@/app/(console)/console/actions";
import * as previewActions from "@/app/(portal)/o/[orgSlug]/catalog/[datasetKey]/actions";
import * as requestActions from "@/app/(portal)/o/[orgSlug]/requests/[requestId]/actions";
import * as newRequestActions from "@/app/(portal)/o/[orgSlug]/requests/new/actions";
import * as lifecycleActions from "@/app/(console)/console/requests/[requestId]/actions";
import { POST as apiCreateRequest } from "@/app/api/v1/requests/route";
import { searchCatalog } from "@/lib/catalog/search-catalog";
import { db } from "@/lib/db";
import { forgedIds, hostileCorpus, type HostileCase } from "./hostile-corpus";
import { actionVerdict, routeVerdict } from "./verdict";
import { uniqueConsumer as consumer, type HostileWorld } from "./hostile-world";
import { hostileErasureFields } from "./hostile-fields-erasure";
import { hostileReadFields } from "./hostile-fields-reads";
import { as, inertSearch, type Field, type Input, type Person } from "./hostile-field-kit";

export type { Field, Policy } from "./hostile-field-kit";

export function hostileFields(w: HostileWorld): Field[] {
  const { brand } = w;
  const slug = brand.organization.slug;
  const owner = brand.owner;
  const manager = brand.manager;
  const all = hostileCorpus;
  // Searches and URL parameters only ever receive text (the page reads `q` as a string).
  const text = (cases: HostileCase[]) => cases.filter((c) => typeof c.value === "string");
  const strings = text(hostileCorpus);
  const contracted = new Set(["messaging-email", "messaging-push", "user-behaviors"]);
  const ids = (extra: { label: string; id: string }[] = []) => [...hostileCorpus, ...forgedIds(extra)];

  const submit = (field: string, value: unknown) => {
    const input: Input = {
      orgSlug: slug,
      workspaceIds: [brand.web.id],
      datasetKeys: ["messaging-email"],
      consumerAccount: consumer(),
      consumerRegion: "AWS_US_EAST_1",
      note: "Quarterly reporting",
      [field]: value,
    };
    return actionVerdict(
      as(owner, () => newRequestActions.submitShareRequestAction(input)),
      field,
    );
  };
  const action = (user: Person, fn: (i: unknown) => Promise<unknown>, base: Input, field: string) => (value: unknown) =>
    actionVerdict(
      as(user, () => fn({ ...base, [field]: value })),
      field,
    );

  const provider = {
    providerAccountId: w.providerAccount.id,
    username: w.providerAccount.username,
    secretRef: w.providerAccount.secretRef,
    maxConcurrency: w.providerAccount.maxConcurrency,
  };
  const otherRequest = { label: "another brand's request id", id: w.otherRequestId };

  return [
    { name: "request form · consumerAccount", policy: "refuse", cases: all, run: (v) => submit("consumerAccount", v) },
    { name: "request form · consumerRegion", policy: "refuse", cases: all, run: (v) => submit("consumerRegion", v) },
    // Own account or a Floe-hosted reader account (issue 20 item 5): anything else is refused on the field.
    { name: "request form · consumerKind", policy: "refuse", cases: all, run: (v) => submit("consumerKind", v) },
    {
      name: "request form · workspaceIds",
      policy: "refuse",
      cases: ids([{ label: "another brand's workspace id", id: w.otherWorkspaceId }]),
      run: (v) => submit("workspaceIds", v),
    },
    {
      name: "request form · datasetKeys",
      policy: "refuse",
      cases: ids([{ label: "a dataset outside the contract", id: "changelogs" }]),
      run: (v) => submit("datasetKeys", v),
    },
    {
      name: "request form · orgSlug",
      policy: "refuse",
      cases: ids([{ label: "another brand's slug", id: w.otherSlug }]),
      run: (v) => submit("orgSlug", v),
    },
    { name: "request form · note", policy: "text", cases: all, run: (v) => submit("note", v) },
    {
      name: "request form · pastedAccountDetails",
      policy: "refuse",
      cases: all,
      run: (v) => submit("pastedAccountDetails", v),
      // The paste is optional: a blank one is no paste, and the request goes ahead on the account and region typed.
      accepts: ["empty string", "single space", "tabs and newlines only", "no-break spaces only"],
    },
    {
      name: "request form · includePii",
      policy: "default",
      cases: all.filter((c) => c.value !== true),
      run: (v) => submit("includePii", v),
    },
    {
      name: "renewal · endsAt",
      policy: "refuse",
      cases: all,
      run: action(
        owner,
        requestActions.requestRenewalAction,
        { orgSlug: slug, requestId: w.activeRequestId },
        "endsAt",
      ),
    },
    {
      name: "console end date · endsAt",
      policy: "refuse",
      cases: all,
      run: action(manager, lifecycleActions.setEndDateAction, { requestId: w.activeRequestId }, "endsAt"),
      // null clears the end date: a share without one is the default, not a hostile value.
      accepts: ["null"],
    },
    {
      name: "API create request · consumerAccount",
      policy: "refuse",
      cases: all,
      run: (value) =>
        routeVerdict(() =>
          apiCreateRequest(
            new Request("http://localhost/api/v1/requests", {
              method: "POST",
              headers: { authorization: `Bearer ${w.apiToken}`, "content-type": "application/json" },
              body: JSON.stringify({
                workspaceIds: [brand.web.id],
                datasetKeys: ["messaging-email"],
                consumerAccount: value,
                consumerRegion: "AWS_US_EAST_1",
              }),
            }),
            { params: Promise.resolve({}) },
          ),
        ),
      // The per-token rate limit counts every call, refused ones too (that is its purpose): its bucket row
      // (one per token, restarted when its window ends) may appear during the batch. Nothing else may.
      countedOnPurpose: async () => ({
        RateLimitBucket: await db.rateLimitBucket.count({ where: { key: { startsWith: "api-token:" } } }),
      }),
    },
    {
      name: "cancel request · requestId",
      policy: "refuse",
      cases: ids([otherRequest]),
      run: action(owner, requestActions.cancelRequestAction, { orgSlug: slug }, "requestId"),
    },
    {
      name: "check my share · requestId",
      policy: "refuse",
      cases: ids([otherRequest]),
      run: action(owner, requestActions.checkMyShareAction, { orgSlug: slug }, "requestId"),
    },
    {
      name: "request revocation · requestId",
      policy: "refuse",
      cases: ids([otherRequest]),
      run: action(owner, requestActions.requestRevocationAction, { orgSlug: slug }, "requestId"),
    },
    {
      name: "prove account · code",
      policy: "refuse",
      cases: all,
      // The attempts are reset before each case so every value meets the code check, not the lockout
      // (five wrong codes in a row would otherwise lock the rest of the corpus out; the next field covers the lock).
      run: async (v) => {
        await w.resetProofAttempts();
        return action(
          owner,
          requestActions.proveAccountAction,
          { orgSlug: slug, requestId: w.awaitingProofRequestId },
          "code",
        )(v);
      },
      // A wrong code is refused AND counted, on purpose: the count (AccountProofChallenge.failedAttempts, an
      // update, not a row) bounds guessing, and each wrong code leaves a request.proof_failed audit event
      // for the brand to see. Those events are the only rows this field may add; everything else stays as
      // "nothing stored when refused" demands. Other fields keep the strict rule.
      countedOnPurpose: async () => ({
        AuditEvent: await db.auditEvent.count({
          where: { requestId: w.awaitingProofRequestId, type: "request.proof_failed" },
        }),
      }),
      cleanup: () => w.resetProofAttempts(),
    },
    {
      name: "prove account · code while entry is locked",
      policy: "refuse",
      cases: all,
      // Locked: every value is refused with a specific answer (the wait, or the field's own error), and
      // nothing at all is stored — not even a counted attempt.
      run: async (v) => {
        await w.lockProofEntry();
        return action(
          owner,
          requestActions.proveAccountAction,
          { orgSlug: slug, requestId: w.awaitingProofRequestId },
          "code",
        )(v);
      },
      cleanup: () => w.resetProofAttempts(),
    },
    {
      name: "waive proof · reason",
      policy: "text",
      cases: all,
      run: (v) =>
        w.withAwaitingProofRequest((requestId) =>
          action(manager, consoleActions.waiveProofAction, { requestId }, "reason")(v),
        ),
    },
    {
      name: "schema preview · datasetKey",
      policy: "refuse",
      cases: ids([{ label: "a dataset outside the contract", id: "changelogs" }]),
      run: action(owner, previewActions.refreshPreviewAction, { orgSlug: slug }, "datasetKey"),
    },
    {
      name: "schema preview · region",
      policy: "refuse",
      cases: all,
      run: action(
        owner,
        previewActions.refreshPreviewAction,
        { orgSlug: slug, datasetKey: "messaging-email" },
        "region",
      ),
    },
    {
      name: "approve · requestId",
      policy: "refuse",
      cases: ids(),
      run: action(manager, consoleActions.approveRequestAction, {}, "requestId"),
    },
    {
      name: "reject · requestId",
      policy: "refuse",
      cases: ids(),
      run: action(manager, consoleActions.rejectRequestAction, { reason: "Not in the contract" }, "requestId"),
    },
    {
      name: "reject · reason",
      policy: "text",
      cases: all,
      run: (v) =>
        w.withPendingRequest((requestId) =>
          action(manager, consoleActions.rejectRequestAction, { requestId }, "reason")(v),
        ),
    },
    {
      name: "revoke · confirmAccount",
      policy: "refuse",
      cases: all,
      run: action(manager, consoleActions.revokeShareAction, { requestId: w.activeRequestId }, "confirmAccount"),
    },
    {
      name: "cancel run · runId",
      policy: "refuse",
      cases: ids([{ label: "another request's run id", id: w.otherRunId }]),
      run: action(manager, consoleActions.cancelRunAction, { requestId: w.approvedRequestId }, "runId"),
    },
    {
      name: "retry · requestId",
      policy: "refuse",
      cases: ids(),
      run: action(manager, consoleActions.retryRunAction, {}, "requestId"),
    },
    {
      name: "re-apply share · requestId",
      policy: "refuse",
      cases: ids(),
      run: action(manager, consoleActions.reapplyShareAction, {}, "requestId"),
    },
    {
      name: "preview as consumer · requestId",
      policy: "refuse",
      cases: ids(),
      run: action(
        manager,
        consoleActions.previewShareAction,
        { view: "USERS_MESSAGES_EMAIL_SEND_SHARED" },
        "requestId",
      ),
    },
    {
      name: "preview as consumer · view",
      policy: "refuse",
      cases: all,
      run: action(manager, consoleActions.previewShareAction, { requestId: w.activeRequestId }, "view"),
    },
    {
      name: "admin · secretRef",
      policy: "refuse",
      cases: all,
      run: action(w.admin, consoleActions.updateProviderAccountAction, provider, "secretRef"),
      // Every hostile value is refused, file URLs too: a `file:` reference must lie inside FLOE_SECRETS_DIR.
      cleanup: () => w.restoreProviderAccount(),
    },
    {
      name: "admin · username",
      policy: "refuse",
      cases: all,
      run: action(w.admin, consoleActions.updateProviderAccountAction, provider, "username"),
      // Hostile as account identifiers, but well-formed Snowflake user names: accepted (admins only).
      // So are the base64url request cursors of the bounds cases (letters and digits only).
      accepts: [
        "account name without org",
        "locator without digits",
        "locator too many leading letters",
        "locator of 21 characters",
        "request cursor dated year -271821",
        "request cursor dated year +275760",
        "request cursor with a 150-character id",
      ],
      cleanup: () => w.restoreProviderAccount(),
    },
    {
      name: "admin · maxConcurrency",
      policy: "refuse",
      cases: all,
      run: action(w.admin, consoleActions.updateProviderAccountAction, provider, "maxConcurrency"),
    },
    {
      name: "admin · providerAccountId",
      policy: "refuse",
      cases: ids(),
      run: action(w.admin, consoleActions.updateProviderAccountAction, provider, "providerAccountId"),
    },
    {
      name: "admin · grant email",
      policy: "refuse",
      cases: all,
      run: action(w.admin, consoleActions.grantAccountManagerAction, {}, "email"),
    },
    {
      name: "admin · revoke userId",
      policy: "refuse",
      cases: ids([{ label: "a brand owner's user id", id: owner.id }]),
      run: action(w.admin, consoleActions.revokeAccountManagerAction, {}, "userId"),
    },
    {
      name: "admin · allow SSO link userId",
      policy: "refuse",
      cases: ids([
        { label: "a brand owner's user id", id: owner.id },
        { label: "the admin's own user id", id: w.admin.id },
      ]),
      run: action(w.admin, consoleActions.allowSsoLinkAction, {}, "userId"),
    },
    {
      name: "catalog search · query",
      policy: "inert",
      cases: strings,
      run: (v) =>
        inertSearch(async () => {
          const found = await searchCatalog({ organizationId: brand.organization.id, query: v as string });
          const outside = found.hits.filter((h) => !contracted.has(h.datasetKey));
          if (outside.length > 0)
            throw new Error(
              `search found datasets outside the contract: ${outside.map((h) => h.datasetKey).join(", ")}`,
            );
        }),
    },
    ...hostileReadFields(w),
    ...hostileErasureFields(w),
  ];
}
