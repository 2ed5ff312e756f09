"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";

export type OrgOption = { slug: string; name: string; role: string };

/**
 * The current organisation, and a menu of the user's other memberships when there are any. A disclosure
 * (button + list of links) rather than an ARIA menu: links keep their normal keyboard and screen-reader
 * behaviour, and Escape or a click outside closes it.
 */
export function OrgSwitcher({
  current,
  options,
}: {
  current: { slug: string; name: string } | null;
  options: OrgOption[];
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const others = options.filter((o) => o.slug !== current?.slug);
  if (others.length === 0) {
    return current ? (
      <span className="truncate text-sm font-medium" data-testid="current-org">
        {current.name}
      </span>
    ) : null;
  }

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((v) => !v)}
        className="flex max-w-[14rem] items-center gap-1 rounded-md border border-border px-2 py-1 text-sm font-medium hover:bg-canvas"
      >
        <span className="sr-only">Organisation: </span>
        <span className="truncate" data-testid="current-org">
          {current?.name ?? "Choose organisation"}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul
          id={listId}
          className="absolute left-0 z-20 mt-1 min-w-[14rem] rounded-md border border-border bg-surface py-1 shadow-lg"
        >
          {options.map((option) => (
            <li key={option.slug}>
              <Link
                href={`/o/${option.slug}`}
                aria-current={option.slug === current?.slug ? "true" : undefined}
                onClick={() => setOpen(false)}
                className="flex justify-between gap-4 px-3 py-2 text-sm hover:bg-canvas aria-[current=true]:font-semibold"
              >
                <span>{option.name}</span>
                <span className="text-xs text-muted">{option.role}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
