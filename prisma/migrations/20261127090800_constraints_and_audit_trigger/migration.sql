-- Hand-written: what Prisma's schema language cannot express. Kept out of schema.snapshot.prisma on
-- purpose, so generated migrations never try to drop these.

-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION floe_audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_refuse_update_delete"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION floe_audit_event_is_append_only();

CREATE TRIGGER "AuditEvent_refuse_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION floe_audit_event_is_append_only();

-- Snowflake identifiers as Floe stores them: normalised upper case, never free text.
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_region_format" CHECK ("region" ~ '^[A-Z][A-Z0-9_]{2,63}$');
ALTER TABLE "ProviderAccount" ADD CONSTRAINT "ProviderAccount_region_format" CHECK ("region" ~ '^[A-Z][A-Z0-9_]{2,63}$');
ALTER TABLE "ProviderAccount" ADD CONSTRAINT "ProviderAccount_names_format" CHECK (
  "organizationName" ~ '^[A-Z][A-Z0-9]{0,63}$' AND "accountName" ~ '^[A-Z][A-Z0-9_]{0,254}$' AND "locator" ~ '^[A-Z][A-Z0-9]{1,31}$');
ALTER TABLE "ProviderAccount" ADD CONSTRAINT "ProviderAccount_lake_has_database" CHECK (NOT "hostsLake" OR "lakeDatabase" IS NOT NULL);
ALTER TABLE "ProviderAccount" ADD CONSTRAINT "ProviderAccount_max_concurrency_range" CHECK ("maxConcurrency" BETWEEN 1 AND 64);
ALTER TABLE "ProviderAccount" ADD CONSTRAINT "ProviderAccount_secret_ref_format" CHECK ("secretRef" ~ '^(env|file):.+$');

ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_consumer_account_format" CHECK ("consumerAccount" ~ '^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)?$' AND length("consumerAccount") <= 288);
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_regions_format" CHECK ("consumerRegion" ~ '^[A-Z][A-Z0-9_]{2,63}$' AND "lakeRegion" ~ '^[A-Z][A-Z0-9_]{2,63}$');
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_cross_region_consistent" CHECK ("crossRegion" = ("consumerRegion" <> "lakeRegion"));
-- A decision names who made it; a rejection says why.
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_decision_recorded" CHECK (
  "state" IN ('PENDING_APPROVAL', 'CANCELLED') OR ("decidedById" IS NOT NULL AND "decidedAt" IS NOT NULL));
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_rejection_has_reason" CHECK (
  "state" <> 'REJECTED' OR length(btrim(coalesce("decisionReason", ''))) > 0);
ALTER TABLE "ShareRequest" ADD CONSTRAINT "ShareRequest_note_length" CHECK ("note" IS NULL OR length("note") <= 2000);

ALTER TABLE "Share" ADD CONSTRAINT "Share_name_format" CHECK ("name" ~ '^FLOE_[A-Z0-9_]{1,250}$');

ALTER TABLE "ProvisioningRun" ADD CONSTRAINT "ProvisioningRun_attempt_positive" CHECK ("attempt" >= 1);
ALTER TABLE "ProvisioningStep" ADD CONSTRAINT "ProvisioningStep_counts_non_negative" CHECK (
  "attempts" >= 0 AND "position" >= 0 AND ("durationMs" IS NULL OR "durationMs" >= 0));

ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_type_format" CHECK ("type" ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$');
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actor_consistent" CHECK (("actorType" = 'USER') = ("actorId" IS NOT NULL));
