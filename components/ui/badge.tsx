import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "accent";

export function Badge({
  tone = "neutral",
  children,
  className,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      // .badge and .badge-<tone> live in app/globals.css: badges repeat on long pages (the queue's every row).
      className={cx("badge", `badge-${tone}`, className)}
    >
      {children}
    </span>
  );
}
