"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { useSignIn } from "@/components/auth/use-sign-in";

type DemoPerson = { email: string; name: string; what: string };

/** Sign in as a seeded person with one click, or as any existing user by email. */
export function DemoSignIn({ people, callbackUrl }: { people: DemoPerson[]; callbackUrl: string }) {
  const { run, pending, error, ready } = useSignIn(callbackUrl);
  const [email, setEmail] = useState("");
  const emailId = useId();
  const errorId = useId();

  return (
    <div className="space-y-4">
      {error ? (
        <p
          id={errorId}
          role="alert"
          className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
        >
          {error}
        </p>
      ) : null}
      <ul className="grid gap-2 sm:grid-cols-2" aria-label="Demo users">
        {people.map((person) => (
          <li key={person.email}>
            <button
              type="button"
              disabled={!ready || pending !== null}
              onClick={() => run("demo", { email: person.email }, person.email)}
              className="w-full rounded-md border border-border bg-surface px-3 py-2 text-left hover:border-accent hover:bg-accent-soft disabled:opacity-60"
            >
              <span className="block text-sm font-medium">
                {pending === person.email ? "Signing in…" : `Sign in as ${person.name}`}
              </span>
              <span className="block text-xs text-muted">
                {person.what} · {person.email}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void run("demo", { email }, "free-email");
        }}
      >
        <div className="min-w-[14rem] flex-1">
          <label htmlFor={emailId} className="block text-sm font-medium">
            Or any existing user&apos;s email
          </label>
          <input
            id={emailId}
            type="email"
            required
            autoComplete="email"
            value={email}
            readOnly={!ready}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={error ? errorId : undefined}
            className="mt-1 h-10 w-full rounded-md border border-border bg-surface px-3 text-sm"
          />
        </div>
        <Button type="submit" variant="secondary" disabled={!ready || pending !== null}>
          {pending === "free-email" ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </div>
  );
}
