// The one stand-in of the reliability suite: who is signed in. Tests mock `@/lib/auth/session` with a
// getSessionUser that reads this holder, so the real action factory, route guards, membership lookups and
// commands run unchanged behind it (the cookie → user step is next-auth's, covered by its own probe).
// Concurrent callers each carry their own user (AsyncLocalStorage), as concurrent HTTP requests would.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionUser } from "@/lib/auth/session";

type Person = { id: string; email: string; name: string | null; staffRole?: SessionUser["staffRole"] };

const perCall = new AsyncLocalStorage<SessionUser | null>();
let signedIn: SessionUser | null = null;

const toSession = (user: Person | null): SessionUser | null =>
  user ? { id: user.id, email: user.email, name: user.name, staffRole: user.staffRole ?? null } : null;

export const session = {
  get user(): SessionUser | null {
    const store = perCall.getStore();
    return store === undefined ? signedIn : store;
  },
};

export function signInAs(user: Person | null): void {
  signedIn = toSession(user);
}

/** Runs `fn` as `user`, whatever other calls running at the same time are signed in as. */
export function asUser<T>(user: Person | null, fn: () => Promise<T>): Promise<T> {
  return perCall.run(toSession(user), fn);
}
