"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, moves focus to the new page's h1 (the route-announcer pattern): a screen
 * reader reads where you are, and the next Tab starts at the top of the new content instead of wherever the
 * clicked link was. Not on the first load (the browser starts at the top already), and not when only the
 * query string changes (a filter form keeps focus where the user is working).
 */
export function FocusHeadingOnNavigate() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    // tabindex -1: focusable by script only, never a Tab stop.
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }, [pathname]);
  return null;
}
