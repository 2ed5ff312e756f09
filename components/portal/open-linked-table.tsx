"use client";

import { useEffect } from "react";

/**
 * Opens the collapsed table a link points at (#USERS_MESSAGES_EMAIL_SEND_SHARED, from a search hit), on load
 * and when the hash changes, and scrolls to it: the link's target is the table's columns, not a closed box.
 */
export function OpenLinkedTable() {
  useEffect(() => {
    function open() {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (!id) return;
      const section = document.getElementById(id);
      const details = section?.querySelector("details");
      if (!section || !details) return;
      details.open = true;
      section.scrollIntoView({ block: "start" });
    }
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, []);
  return null;
}
