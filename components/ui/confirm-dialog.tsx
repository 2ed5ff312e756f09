"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal confirmation on the native <dialog>: the browser traps focus inside, Escape closes it, and focus
 * returns to the button that opened it. The caller owns `open` and renders the form inside.
 */
export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
  labelledBy,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  labelledBy: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onClose={onClose}
      className="m-auto w-full max-w-lg rounded-lg border border-border bg-surface p-0 text-ink shadow-xl backdrop:bg-ink/40"
    >
      <div className="px-6 py-5">
        <h2 id={labelledBy} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-3">{children}</div>
      </div>
    </dialog>
  );
}
