import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

type Tone = "info" | "warning" | "danger" | "success";

const boxes: Record<Tone, string> = {
  info: "border-info/30 bg-info-soft",
  warning: "border-warning/30 bg-warning-soft",
  danger: "border-danger/30 bg-danger-soft",
  success: "border-success/30 bg-success-soft",
};
const tintedText: Record<Tone, string> = {
  info: "text-info",
  warning: "text-warning",
  danger: "text-danger",
  success: "text-success",
};

/**
 * A boxed message. `live` makes it a live region for messages that appear after an action: role="alert" for
 * danger, role="status" otherwise; `live="assertive"` also makes warnings role="alert". Static notices stay
 * plain so screen readers are not interrupted on page load. `tinted` writes the text in the tone's colour
 * (the console's style) instead of ink.
 */
export function Notice({
  tone = "info",
  title,
  children,
  live = false,
  tinted = false,
  className,
  id,
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  live?: boolean | "assertive";
  tinted?: boolean;
  className?: string;
  id?: string;
}) {
  const urgent = tone === "danger" || (live === "assertive" && tone === "warning");
  const role = live ? (urgent ? "alert" : "status") : undefined;
  return (
    <div
      id={id}
      role={role}
      className={cx(
        "rounded-md border px-4 py-3 text-sm",
        boxes[tone],
        tinted ? tintedText[tone] : "text-ink",
        className,
      )}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
