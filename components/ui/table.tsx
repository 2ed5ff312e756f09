import type { ComponentProps, ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/**
 * A table that scrolls sideways inside its own box on small screens instead of widening the page. The box
 * is a focusable, labelled group so keyboard users can scroll it too (WCAG 2.1.1; axe
 * scrollable-region-focusable). `relative` makes the box the containing block of the sr-only text in its
 * cells: otherwise those absolutely positioned spans escape the scroll box and widen the page.
 */
export function Table({
  caption,
  children,
  className,
}: {
  caption: string;
  children: ReactNode;
  /** e.g. "cells": plain <td>s get the cell style from app/globals.css (long tables: no class per cell). */
  className?: string;
}) {
  return (
    <div className="relative overflow-x-auto" tabIndex={0} role="group" aria-label={caption}>
      <table className={cx("w-full min-w-[36rem] border-collapse text-left text-sm", className)}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cx(
        "border-b border-border px-3 py-2 text-xs font-semibold uppercase tracking-wide text-muted",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cx("border-b border-border px-3 py-3 align-top", className)} {...props} />;
}
