import { Notice } from "@/components/ui/notice";
import type { RegionNotice as Notice_ } from "@/lib/portal/cross-region";

/** Where the data travels, shown as soon as workspaces and a region are chosen (before submitting). */
export function RegionNotice({ notice }: { notice: Notice_ }) {
  return (
    <div role="status" aria-live="polite" data-testid="region-notice">
      {notice.kind === "cross-region" ? (
        <Notice tone="warning" title={`Cross-region share: data arrives with a lag of ${notice.lag}`}>
          {notice.message}
        </Notice>
      ) : notice.kind === "mixed" ? (
        <Notice tone="danger" title="Workspaces from different regions">
          {notice.message}
        </Notice>
      ) : notice.kind === "in-region" ? (
        <Notice tone="success" title="Same region: live data, no copy">
          {notice.message}
        </Notice>
      ) : null}
    </div>
  );
}
