import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

// Where next-auth sends a browser without JavaScript after the magic-link form. Same words for every
// address: the page must not reveal whether the address has an account.
export default function CheckEmailPage() {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center"
    >
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="text-muted">
        If the address belongs to a Floe user, a sign-in link is on its way. It works once and expires in 15 minutes.
      </p>
      <Link href="/signin" className="text-sm font-medium text-accent-strong underline">
        Back to sign-in
      </Link>
    </main>
  );
}
