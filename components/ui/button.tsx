import Link from "next/link";
import type { ComponentProps } from "react";
import { Button, buttonClasses, type ButtonSize, type ButtonVariant } from "@/components/ui/button-core";

export { Button, buttonClasses };

export function ButtonLink({
  variant,
  size,
  className,
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link className={buttonClasses(variant, size, className)} {...props} />;
}
