-- Live status (lib/live/status-notifications.ts): every change an open request page or runs panel shows is
-- announced on channel floe_request_status, with the request id as the whole payload (no data: each stream
-- re-reads with its own tenant and authorization checks). On the tables, so no writer can forget it. The
-- notification is sent at COMMIT, and identical ones of one transaction are folded into one by PostgreSQL.
CREATE FUNCTION "floe_notify_request_status"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  request_id text;
BEGIN
  IF TG_TABLE_NAME = 'ShareRequest' THEN
    request_id := NEW."id";
  ELSIF TG_TABLE_NAME = 'ProvisioningStep' THEN
    SELECT r."requestId" INTO request_id FROM "ProvisioningRun" r WHERE r."id" = NEW."runId";
  ELSE
    -- ProvisioningRun and AuditEvent carry the request id themselves (an audit event may have none).
    request_id := NEW."requestId";
  END IF;
  IF request_id IS NOT NULL THEN
    PERFORM pg_notify('floe_request_status', request_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ShareRequest_status_notify" AFTER UPDATE ON "ShareRequest"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state") EXECUTE FUNCTION "floe_notify_request_status"();

CREATE TRIGGER "ProvisioningRun_created_notify" AFTER INSERT ON "ProvisioningRun"
  FOR EACH ROW EXECUTE FUNCTION "floe_notify_request_status"();

CREATE TRIGGER "ProvisioningRun_state_notify" AFTER UPDATE ON "ProvisioningRun"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state") EXECUTE FUNCTION "floe_notify_request_status"();

-- Attempts too: a transient error leaves the step PENDING with one more attempt and its error on record.
CREATE TRIGGER "ProvisioningStep_state_notify" AFTER UPDATE ON "ProvisioningStep"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."attempts" IS DISTINCT FROM NEW."attempts") EXECUTE FUNCTION "floe_notify_request_status"();

CREATE TRIGGER "AuditEvent_request_notify" AFTER INSERT ON "AuditEvent"
  FOR EACH ROW WHEN (NEW."requestId" IS NOT NULL) EXECUTE FUNCTION "floe_notify_request_status"();
