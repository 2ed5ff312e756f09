import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getSessionUser } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/home-path";

export default async function RootPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const home = await homePathFor(user);
  if (home) redirect(home);

  // Signed in but in no organisation (removed from the last one): say so instead of looping through sign-in.
  return (
    <main
      id="main"
      className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center"
    >
      <h1 className="text-2xl font-semibold">No organisation yet</h1>
      <p className="text-muted">
        You are signed in as {user.email}, but you are not a member of any organisation. Ask an owner of your brand or
        your account manager to add you.
      </p>
      <SignOutButton />
    </main>
  );
}
