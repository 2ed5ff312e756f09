-- CreateIndex
CREATE INDEX "ShareRequest_consumerRegion_state_idx" ON "ShareRequest"("consumerRegion", "state");

