/** Request header set by proxy.ts with the path being rendered, so a guard can send people back to it. */
export const PATH_HEADER = "x-floe-path";
