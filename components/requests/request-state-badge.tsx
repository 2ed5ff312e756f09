import type { RequestState } from "@/lib/requests/state-machine";
import { Badge, type BadgeTone } from "@/components/ui/badge";

// One wording and colour per lifecycle state, used by the portal and the console alike.
const presentation: Record<RequestState, { label: string; tone: BadgeTone }> = {
  PENDING_APPROVAL: { label: "Pending approval", tone: "warning" },
  APPROVED: { label: "Approved", tone: "info" },
  PROVISIONING: { label: "Provisioning", tone: "info" },
  AWAITING_PROOF: { label: "Awaiting proof of account", tone: "warning" },
  ACTIVE: { label: "Active", tone: "success" },
  REVOKING: { label: "Revoking", tone: "warning" },
  REVOKED: { label: "Revoked", tone: "neutral" },
  REJECTED: { label: "Rejected", tone: "danger" },
  CANCELLED: { label: "Cancelled", tone: "neutral" },
  FAILED: { label: "Failed", tone: "danger" },
};

export function RequestStateBadge({ state }: { state: RequestState }) {
  const { label, tone } = presentation[state] ?? { label: state, tone: "neutral" };
  return <Badge tone={tone}>{label}</Badge>;
}
