import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

type Tone = "info" | "warning" | "danger" | "success";

const tones: Record<Tone, string> = {
  info: "border-info/30 bg-info-soft text-ink",
  warning: "border-warning/30 bg-warning-soft text-ink",
  danger: "border-danger/30 bg-danger-soft text-ink",
  success: "border-success/30 bg-success-soft text-ink",
};

/**
 * A boxed message. `live` makes it a live region (role="status", or "alert" for danger) for messages that
 * appear after an action; static notices stay plain so screen readers are not interrupted on page load.
 */
export function Notice({ tone = "info", title, children, live = false, className, id }: { tone?: Tone; title?: string; children?: ReactNode; live?: boolean; className?: string; id?: string }) {
  const role = live ? (tone === "danger" ? "alert" : "status") : undefined;
  return (
    <div id={id} role={role} className={cx("rounded-md border px-4 py-3 text-sm", tones[tone], className)}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
