import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<string, BadgeTone> = { QUEUED: "neutral", RUNNING: "info", VERIFIED: "success", FAILED: "danger" };
const labels: Record<string, string> = { QUEUED: "Queued", RUNNING: "Running", VERIFIED: "Verified", FAILED: "Failed" };

export function ErasureStateBadge({ state }: { state: string }) {
  return <Badge tone={tones[state] ?? "neutral"}>{labels[state] ?? state}</Badge>;
}
