-- CreateIndex
CREATE INDEX "ShareRequest_createdAt_id_idx" ON "ShareRequest"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ShareRequest_consumerRegion_createdAt_id_idx" ON "ShareRequest"("consumerRegion", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Share_createdAt_id_idx" ON "Share"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_id_idx" ON "AuditEvent"("organizationId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_id_idx" ON "AuditEvent"("actorId", "id");

