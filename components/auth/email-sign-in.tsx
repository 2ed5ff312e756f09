"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { useSignIn } from "@/components/auth/use-sign-in";

/** Magic-link form. Every address gets the same answer, so the form cannot be used to find accounts. */
export function EmailSignIn({ callbackUrl }: { callbackUrl: string }) {
  const { run, pending, error, ready } = useSignIn(callbackUrl);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const emailId = useId();

  if (sentTo) {
    return (
      <p role="status" className="rounded-md border border-success/30 bg-success-soft px-3 py-2 text-sm text-success">
        If {sentTo} belongs to a Floe user, a sign-in link is on its way. It works once and expires in 15 minutes.
      </p>
    );
  }
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        void run("email", { email }, "email", () => setSentTo(email));
      }}
    >
      {error ? (
        <p role="alert" className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <div>
        <label htmlFor={emailId} className="block text-sm font-medium">
          Work email
        </label>
        <input
          id={emailId}
          type="email"
          required
          autoComplete="email"
          value={email}
          readOnly={!ready}
          onChange={(event) => setEmail(event.target.value)}
          className="mt-1 h-10 w-full rounded-md border border-border bg-surface px-3 text-sm"
        />
      </div>
      <Button type="submit" disabled={!ready || pending !== null} className="w-full">
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
