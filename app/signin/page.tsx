import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { DemoSignIn } from "@/components/auth/demo-sign-in";
import { EmailSignIn } from "@/components/auth/email-sign-in";
import { SsoSignIn } from "@/components/auth/sso-sign-in";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { listDemoSignIns } from "@/lib/auth/demo-sign-ins";
import { getAuthMethods } from "@/lib/auth/options";
import { getSessionUser } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = { callbackUrl?: string | string[]; error?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-border bg-surface p-5 shadow-sm" aria-label={title}>
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="mb-4 mt-1 text-sm text-muted">{description}</p>
      {children}
    </section>
  );
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(first(query.callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);

  const methods = getAuthMethods();
  const error = signInErrorMessage(first(query.error));
  const demoInProduction = methods.demo && getConfig().NODE_ENV === "production";
  const nothingConfigured = !methods.demo && !methods.email && !methods.oidc;

  return (
    <main id="main" className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <div>
        <p className="text-lg font-semibold tracking-tight text-accent-strong">Floe</p>
        <h1 className="mt-2 text-2xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-muted">
          Share your engagement data into your own Snowflake account, live and without pipelines.
        </p>
      </div>
      {demoInProduction ? (
        <p
          role="alert"
          className="rounded-md border border-warning/40 bg-warning-soft px-4 py-3 text-sm font-medium text-warning"
        >
          Demo sign-in is enabled on this production server: anyone can sign in as any user. Turn off FLOE_DEMO_LOGIN
          unless this is a throwaway demo.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger">
          {error}
        </p>
      ) : null}
      {methods.oidc ? (
        <Section
          title="Floe staff"
          description="Account managers and administrators sign in with the company's single sign-on."
        >
          <SsoSignIn name={methods.oidc.name} callbackUrl={callbackUrl} />
        </Section>
      ) : null}
      {methods.email ? (
        <Section title="Brand users" description="We email you a one-time sign-in link.">
          <EmailSignIn callbackUrl={callbackUrl} />
        </Section>
      ) : null}
      {methods.demo ? (
        <Section
          title="Demo sign-in"
          description="Pick a seeded person to explore Floe from their seat. Only for development, tests and demos."
        >
          <DemoSignIn people={listDemoSignIns()} callbackUrl={callbackUrl} />
        </Section>
      ) : null}
      {nothingConfigured ? (
        <p role="alert" className="rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger">
          No sign-in method is configured. Set AUTH_OIDC_* for staff SSO and EMAIL_SERVER for magic links (see the
          README).
        </p>
      ) : null}
    </main>
  );
}
