import type { ComponentProps } from "react";
import { cx } from "@/components/ui/cx";

// Buttons without next/link: client components that only need a <button> (the error pages) import this
// module, so their chunks do not carry a copy of next/link (Turbopack duplicated it into every small chunk
// that imported it; see README, Performance → Bundle). ButtonLink lives in button.tsx.

type Variant = "primary" | "secondary" | "ghost" | "danger";
type Size = "sm" | "md";
export type ButtonVariant = Variant;
export type ButtonSize = Size;

const base =
  "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 whitespace-nowrap";
const variants: Record<Variant, string> = {
  primary: "bg-accent text-white hover:bg-accent-strong",
  secondary: "border border-border bg-surface text-ink hover:bg-canvas",
  ghost: "text-ink hover:bg-canvas",
  danger: "bg-danger text-white hover:opacity-90",
};
const sizes: Record<Size, string> = { sm: "h-8 px-3 text-sm", md: "h-10 px-4 text-sm" };

export function buttonClasses(variant: Variant = "primary", size: Size = "md", className?: string): string {
  return cx(base, variants[variant], sizes[size], className);
}

export function Button({
  variant,
  size,
  className,
  type = "button",
  ...props
}: ComponentProps<"button"> & { variant?: Variant; size?: Size }) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...props} />;
}
