"use client";
// The header control when Clerk is on: Clerk's own state decides.
import { useAuth } from "@clerk/nextjs";
import { AccountMenuView } from "./account-menu-base";
import { ClerkSignOut } from "./clerk-sign-out";
import { useHeaderSession } from "./use-session";

export function ClerkAccountMenu() {
  const { isLoaded, isSignedIn } = useAuth();
  const workspace = useHeaderSession()?.workspace ?? null;
  return (
    <AccountMenuView
      state={!isLoaded ? "unknown" : isSignedIn ? "signed-in" : "signed-out"}
      signOut={<ClerkSignOut />}
      workspace={isSignedIn ? workspace : null}
    />
  );
}
