"use client";
// The header control with Tern's own sign-in: asks /api/auth/session in the browser, so the pages around
// it stay static and cached.
import { AccountMenuView } from "./account-menu-base";
import { SignOutForm } from "./sign-out-form";
import { useHeaderSession } from "./use-session";

export function SessionAccountMenu() {
  const session = useHeaderSession();
  return (
    <AccountMenuView
      state={!session ? "unknown" : session.signedIn ? "signed-in" : "signed-out"}
      signOut={<SignOutForm />}
      workspace={session?.workspace ?? null}
    />
  );
}
