// Every audit event type Floe records: the one list. recordAuditEvent accepts only these (so a new event
// type is added here or does not compile), and the console's audit filter offers exactly these. Pure, so
// client components may import it.

export const auditEventTypes = [
  "request.submitted",
  "request.approved",
  "request.rejected",
  "request.cancelled",
  "request.awaiting_proof",
  "request.proof_code_issued",
  "request.proof_failed",
  "request.account_proven",
  "request.proof_waived",
  "request.provisioning_started",
  "request.active",
  "request.failed",
  "request.retried",
  "request.revocation_requested",
  "request.revoked",
  "request.end_date_set",
  "request.renewal_requested",
  "request.renewal_approved",
  "request.renewal_rejected",
  "request.expiry_reminder_sent",
  "run.started",
  "run.cancelled",
  "api.token_created",
  "api.token_revoked",
  "webhook.endpoint_created",
  "webhook.endpoint_disabled",
  "share.drift_detected",
  "share.drift_repaired",
  "share.drift_unrepaired",
  "share.checked",
  "share.previewed",
  "admin.provider_account_updated",
  "admin.staff_role_granted",
  "admin.staff_role_revoked",
  "admin.sso_link_allowed",
  "auth.sso_linked",
  "setup.admin_created",
  "setup.admin_granted",
  "setup.sso_link_allowed",
  "setup.catalog_loaded",
  "setup.provider_account_created",
  "setup.provider_account_updated",
  "pipeline.alert_opened",
  "pipeline.alert_acknowledged",
  "pipeline.alert_resolved",
  "share.delay_notice_opened",
  "share.delay_notice_cleared",
  "erasure.requested",
  "erasure.verified",
  "erasure.failed",
  "erasure.retried",
] as const;

export type AuditEventType = (typeof auditEventTypes)[number];

/** The families (the part before the first dot), in list order: request, run, share, admin, auth, setup. */
export const auditEventFamilies: readonly string[] = [
  ...new Set(auditEventTypes.map((t) => t.slice(0, t.indexOf(".")))),
];
