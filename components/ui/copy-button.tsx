"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Copies `text` to the clipboard and says so in a live region (screen readers hear "Copied"). Falls back
 * to selecting a hidden textarea where the Clipboard API is missing (plain-HTTP demos).
 */
export function CopyButton({ text, label = "Copy", className }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(text);
      else fallbackCopy(text);
      setState("copied");
    } catch {
      try {
        fallbackCopy(text);
        setState("copied");
      } catch {
        setState("failed");
      }
    }
  }

  return (
    <Button variant="secondary" size="sm" onClick={copy} className={className}>
      {label}
      <span
        role="status"
        aria-live="polite"
        className={state === "idle" ? "sr-only" : "text-xs font-normal text-muted"}
      >
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text instead" : ""}
      </span>
    </Button>
  );
}

function fallbackCopy(text: string) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}
