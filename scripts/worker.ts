// npm run worker — a provisioning worker process (also started by `npm run dev`). Run as many as you like,
// on as many machines as you like, against the same DATABASE_URL.
import { getConfig } from "../lib/config";
import { startWorker } from "../lib/provisioning/worker";
import { surviveDatabaseRestarts } from "../lib/provisioning/queue";
import { logger } from "../lib/logger";
import { startPipelineSampler } from "../lib/pipeline-health/sampler";
import { startErasureWorker } from "../lib/erasure/erasure-queue";

surviveDatabaseRestarts((line) => logger.warn({ component: "worker" }, line));

const worker = await startWorker({ concurrency: getConfig().WORKER_CONCURRENCY, driftChecks: true });
// Pipeline health (issue 16): one sampling round every FLOE_PIPELINE_SAMPLE_SECONDS, one worker at a time.
const pipelineSampler = startPipelineSampler();
// GDPR erasure (issue 17): the erasure queue, on the same pg-boss; stopped before the worker stops pg-boss.
const erasures = await startErasureWorker({
  log: (message, fields) => logger.info({ component: "erasure", ...fields }, message),
});
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await pipelineSampler.stop();
    await erasures.stop();
    await worker.stop();
    process.exit(0);
  });
}
