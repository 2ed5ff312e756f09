"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React owns the page. A control whose behaviour
 * lives in React (a combobox, a form submitted by a handler) is read-only or disabled until then: text typed
 * or a key pressed into the server's HTML before hydration is not seen by React (its state stays the initial
 * one while the DOM shows the text), and Enter would submit the bare HTML form. Browsers and Playwright alike
 * wait for the control to become editable instead.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
