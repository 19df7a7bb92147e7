"use client";
// The header control when Clerk is on. A module of its own, loaded on demand, so shops without Clerk never
// ship Clerk's client code on catalogue pages.
import { useAuth } from "@clerk/nextjs";
import { ClerkSignOut } from "./clerk-sign-out";
import { Menu, PLAIN } from "./account-menu-client";

export default function ClerkAccountMenu() {
  const { isLoaded, isSignedIn } = useAuth();
  return (
    <Menu
      state={!isLoaded ? "unknown" : isSignedIn ? "signed-in" : "signed-out"}
      signOut={<ClerkSignOut className={PLAIN} />}
    />
  );
}
