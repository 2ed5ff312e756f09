// next-auth reports sign-in failures as `?error=<Code>`; these are the sentences the sign-in page shows.
// Unknown codes get the generic line rather than the raw code.
const messages: Record<string, string> = {
  CredentialsSignin:
    "No Floe user has that email address. Check the spelling, or ask your account manager for an invitation.",
  AccessDenied:
    "This account may not sign in to Floe. Staff sign in with SSO; brand users need an invitation from their account manager.",
  OAuthAccountNotLinked: "This SSO account is linked to a different Floe user. Contact an administrator.",
  EmailNotVerified:
    "Your SSO provider has not verified this email address, so Floe cannot trust it. Ask your IT team to verify it, then sign in again.",
  SsoNotLinked:
    "This SSO account is not linked to your Floe user yet. Ask a Floe admin to allow the link (Console → Admin → Staff), then sign in again.",
  Verification: "This sign-in link has expired or was already used. Request a new one below.",
  EmailSignin: "We could not send the sign-in email. Please try again in a moment.",
  // lib/auth/auth-route-guard.ts: too many links asked for this address or from this network.
  RateLimited:
    "Too many sign-in links were requested for this address or from your network. Wait 15 minutes, then try again.",
  OAuthSignin: "We could not reach the SSO provider. Please try again.",
  OAuthCallback: "The SSO provider's answer could not be checked. Please try again.",
  Configuration: "Sign-in is not configured correctly on this server. Please contact support.",
  SessionRequired: "Please sign in to continue.",
};

export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  // Own keys only: the code comes from the URL, and `messages.__proto__` is Object.prototype.
  return Object.hasOwn(messages, code) ? messages[code] : "Sign-in failed. Please try again.";
}
