"use client";
// Clerk's sign-out, only rendered when Clerk is enabled.
import { SignOutButton } from "@clerk/nextjs";

export function ClerkSignOut({ className }: { className?: string }) {
  return (
    <SignOutButton redirectUrl="/">
      <button type="button" className={className}>
        Sign out
      </button>
    </SignOutButton>
  );
}
