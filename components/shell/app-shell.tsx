import Link from "next/link";
import type { ReactNode } from "react";
import { FocusHeadingOnNavigate } from "@/components/shell/focus-heading-on-navigate";
import { SkipLink } from "@/components/shell/skip-link";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { OrgSwitcher, type OrgOption } from "@/components/shell/org-switcher";
import { SignOutButton } from "@/components/shell/sign-out-button";

export type ShellProps = {
  /** "Brand portal" or "Console": says where you are when both are open in tabs. */
  area: string;
  homeHref: string;
  user: { name: string | null; email: string };
  currentOrg: { slug: string; name: string } | null;
  memberships: OrgOption[];
  nav: NavItem[];
  children: ReactNode;
};

export function AppShell({ area, homeHref, user, currentOrg, memberships, nav, children }: ShellProps) {
  return (
    <>
      <SkipLink />
      <FocusHeadingOnNavigate />
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 pt-3">
          <div className="flex min-w-0 items-center gap-3">
            <Link href={homeHref} className="text-lg font-semibold tracking-tight text-accent-strong">
              Floe
            </Link>
            <span className="hidden text-xs uppercase tracking-wide text-muted sm:inline">{area}</span>
            <span aria-hidden="true" className="text-border">
              /
            </span>
            <OrgSwitcher current={currentOrg} options={memberships} />
          </div>
          <div className="flex min-w-0 items-center gap-3">
            <p className="min-w-0 text-right text-sm leading-tight" data-testid="signed-in-user">
              <span className="block truncate font-medium">{user.name ?? user.email}</span>
              {user.name ? <span className="block truncate text-xs text-muted">{user.email}</span> : null}
            </p>
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4">
          <NavLinks items={nav} label={`${area} navigation`} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
        {children}
      </main>
    </>
  );
}
