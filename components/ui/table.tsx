import type { ComponentProps, ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/** A table that scrolls sideways on small screens instead of breaking the layout. */
export function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ComponentProps<"th">) {
  return <th scope="col" className={cx("border-b border-border px-3 py-2 text-xs font-semibold uppercase tracking-wide text-muted", className)} {...props} />;
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cx("border-b border-border px-3 py-3 align-top", className)} {...props} />;
}
