// One sentence per audit event, for the brand's timeline and audit page. Only facts a brand may see are
// read from `details` (a reason they or their account manager wrote, counts, the share name); error codes
// and worker ids recorded there for staff are never shown. Pure.
import { brandStepTitle } from "./step-titles";
import type { TimelineEntry } from "./request-status.types";

export type DescribableEvent = {
  type: string;
  actorType: "USER" | "SYSTEM";
  actor: { name: string | null } | null;
  details: unknown;
};

export type EventDescription = { title: string; detail: string | null; tone: TimelineEntry["tone"] };

function field(details: unknown, key: string): unknown {
  return details && typeof details === "object" && !Array.isArray(details)
    ? (details as Record<string, unknown>)[key]
    : undefined;
}

function text(details: unknown, key: string): string | null {
  const value = field(details, key);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

export function describeAuditEvent(event: DescribableEvent): EventDescription {
  const who = event.actorType === "SYSTEM" ? "Floe" : (event.actor?.name ?? "Someone");
  const attempt = field(event.details, "attempt");
  const retryNote = typeof attempt === "number" && attempt > 1 ? ` (attempt ${attempt})` : "";
  switch (event.type) {
    case "request.submitted": {
      const account = text(event.details, "consumerAccount");
      return {
        title: `Requested by ${who}`,
        detail: account ? `For Snowflake account ${account}.` : null,
        tone: "neutral",
      };
    }
    case "request.approved":
      return { title: `Approved by ${who}`, detail: null, tone: "success" };
    case "request.rejected":
      return {
        title: `Declined by ${who}`,
        detail: text(event.details, "reason") ? `Reason: ${text(event.details, "reason")}` : null,
        tone: "danger",
      };
    case "request.cancelled":
      return { title: `Cancelled by ${who}`, detail: null, tone: "neutral" };
    case "request.provisioning_started":
      return { title: `Provisioning started${retryNote}`, detail: null, tone: "info" };
    case "request.active":
      return {
        title: "Share active",
        detail: "The share is ready: the SQL to mount it in your account is on this request's page.",
        tone: "success",
      };
    case "request.failed": {
      const step = text(event.details, "stepKey");
      return {
        title: "Provisioning stopped",
        detail: step ? `At step: ${brandStepTitle(step)}.` : null,
        tone: "danger",
      };
    }
    case "request.retried":
      return { title: `Retried by ${who}`, detail: null, tone: "info" };
    case "request.revocation_requested":
      return {
        title: `Removal asked for by ${who}`,
        detail: text(event.details, "reason") ? `Reason: ${text(event.details, "reason")}` : null,
        tone: "info",
      };
    case "request.revoked":
      return {
        title: "Share removed",
        detail: "The data is no longer visible in the Snowflake account.",
        tone: "neutral",
      };
    case "request.awaiting_proof":
      return field(event.details, "alreadyProven") === true
        ? { title: "Account recognised", detail: "This account was confirmed before; no code is needed.", tone: "info" }
        : {
            title: "Waiting for you to confirm the account",
            detail: "Mount the share and enter the one-time code it shows; no data is shared until then.",
            tone: "info",
          };
    case "request.proof_failed":
      return {
        title: `Wrong code entered by ${who}`,
        detail: field(event.details, "locked") === true ? "Code entry is paused for a while." : null,
        tone: "danger",
      };
    case "request.account_proven":
      return field(event.details, "method") === "EARLIER_PROOF"
        ? { title: "Account confirmed earlier", detail: null, tone: "success" }
        : {
            title: `Account confirmed by ${who}`,
            detail: "The code matched; the data is being shared now.",
            tone: "success",
          };
    case "request.proof_waived":
      return {
        title: `Confirmation waived by ${who}`,
        detail: "Your account manager confirmed the account another way.",
        tone: "info",
      };
    case "request.proof_code_issued":
      return { title: "One-time code put in the share", detail: null, tone: "info" };
    case "request.end_date_set": {
      const endsAt = text(event.details, "endsAt");
      return {
        title: endsAt ? `End date set to ${endsAt.slice(0, 10)} by ${who}` : `End date removed by ${who}`,
        detail: endsAt ? "The share is removed at 00:00 UTC that day unless it is renewed." : null,
        tone: "info",
      };
    }
    case "request.renewal_requested":
      return {
        title: `Renewal asked for by ${who}`,
        detail: text(event.details, "endsAt") ? `New end date: ${text(event.details, "endsAt")!.slice(0, 10)}.` : null,
        tone: "info",
      };
    case "request.renewal_approved":
      return {
        title: `Renewal approved by ${who}`,
        detail: text(event.details, "endsAt")
          ? `The share now ends on ${text(event.details, "endsAt")!.slice(0, 10)}.`
          : null,
        tone: "success",
      };
    case "request.renewal_rejected":
      return {
        title: `Renewal declined by ${who}`,
        detail: text(event.details, "reason") ? `Reason: ${text(event.details, "reason")}` : null,
        tone: "danger",
      };
    case "request.expiry_reminder_sent":
      return {
        title: "End date reminder sent",
        detail: text(event.details, "endsAt")
          ? `The share ends on ${text(event.details, "endsAt")!.slice(0, 10)}.`
          : null,
        tone: "neutral",
      };
    case "run.started":
      return { title: `Work started${retryNote}`, detail: null, tone: "info" };
    case "share.delay_notice_opened":
      return {
        title: "Data delayed",
        detail: "The newest data in this share is older than Floe's freshness target; Floe is on it.",
        tone: "danger",
      };
    case "share.delay_notice_cleared":
      return { title: "Data up to date again", detail: null, tone: "success" };
    case "share.drift_detected":
      return { title: "Share found out of step with its plan", detail: "Floe is putting it back.", tone: "info" };
    case "share.drift_repaired":
      return { title: "Share restored to its plan", detail: null, tone: "success" };
    case "share.drift_unrepaired":
      return {
        title: "Share differs from its plan",
        detail: "Floe could not restore it on its own; your account manager has been told.",
        tone: "danger",
      };
    case "share.checked":
      return { title: `Share checked by ${who}`, detail: null, tone: "info" };
    case "share.previewed":
      return { title: `Share previewed as its consumer by ${who}`, detail: null, tone: "info" };
    case "share.verified":
      return { title: "Share checked against the plan", detail: null, tone: "success" };
    default:
      return { title: event.type.replace(/[._]/g, " "), detail: null, tone: "neutral" };
  }
}

/** Events that tell a brand's story of one request; run-internal ones are shown as steps instead. */
export function isTimelineEvent(type: string): boolean {
  return type.startsWith("request.");
}
