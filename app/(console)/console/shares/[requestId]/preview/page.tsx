import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SharePreviewPanel } from "@/components/console/share-preview-panel";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { SHARE_PREVIEW_ROW_LIMIT } from "@/lib/limits";
import { loadPreviewTarget, type PreviewTarget } from "@/lib/share-preview/share-preview-target";
import { previewShareAction } from "../../../actions";

export const metadata: Metadata = { title: "Preview as the consumer" };

// Staff read one view of an ACTIVE share as its consumer account sees it (lib/share-preview). The page lists the
// share's views; the read itself runs only when a manager asks for it (a server action, audited).
export default async function SharePreviewPage({ params }: { params: Promise<{ requestId: string }> }) {
  await requireStaff();
  const { requestId } = await params;
  let target: PreviewTarget | null = null;
  let refusal: string | null = null;
  try {
    target = await loadPreviewTarget(requestId.slice(0, 100));
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "INVALID_STATE") refusal = error.message;
    else throw error;
  }

  return (
    <>
      <PageHeader
        title="Preview as the consumer"
        description={`What ${target?.consumerAccount ?? "the consumer"} reads through share ${target?.shareName ?? ""}: up to ${SHARE_PREVIEW_ROW_LIMIT} rows of one view, read in Snowflake as that account, PII masked.`}
      />
      <p className="mb-4 text-sm">
        <Link href={`/console/requests/${requestId}`} className="text-accent-strong hover:underline">
          Back to the request
        </Link>
      </p>
      <Card>
        {refusal || !target ? (
          <Notice tone="warning" title="No preview">
            {refusal}
          </Notice>
        ) : (
          <SharePreviewPanel
            requestId={target.requestId}
            consumerAccount={target.consumerAccount}
            views={target.views.map((v) => ({ name: v.name, piiTier: v.piiTier }))}
            previewShareAction={previewShareAction}
          />
        )}
      </Card>
    </>
  );
}
