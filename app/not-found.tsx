import { ButtonLink } from "@/components/ui/button";

// Also what a user sees for an organisation they do not belong to, and for the console when they are not
// staff: the same page as a URL that does not exist, so nothing leaks.
export default function NotFound() {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center"
    >
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted">This page does not exist, or you do not have access to it.</p>
      <ButtonLink href="/" variant="secondary">
        Go to your home page
      </ButtonLink>
    </main>
  );
}
