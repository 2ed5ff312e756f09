"use client";

import { useRef, useState, type KeyboardEvent } from "react";

/**
 * The part of an ARIA 1.2 editable combobox both of Floe's share (the brand filter, the region picker): the
 * active option and the keys that move it. ArrowDown opens a closed list or moves down, ArrowUp moves up,
 * Home / End jump while open; the active option is scrolled into view (options carry data-index). Enter and
 * Escape mean different things per combobox, so each handles them itself.
 */
export function useListboxNavigation(count: number) {
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  function moveTo(index: number) {
    const bounded = Math.max(0, Math.min(count - 1, index));
    setActive(bounded);
    listRef.current?.querySelector<HTMLElement>(`[data-index="${bounded}"]`)?.scrollIntoView({ block: "nearest" });
  }

  /** Handles the moving keys; returns false for any other key. */
  function onNavigationKey(event: KeyboardEvent<HTMLInputElement>, open: boolean, setOpen: (open: boolean) => void) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else moveTo(active + 1);
        return true;
      case "ArrowUp":
        event.preventDefault();
        if (open) moveTo(active - 1);
        return true;
      case "Home":
      case "End":
        if (open) {
          event.preventDefault();
          moveTo(event.key === "Home" ? 0 : count - 1);
        }
        return true;
      default:
        return false;
    }
  }

  return { active, setActive, listRef, onNavigationKey };
}
