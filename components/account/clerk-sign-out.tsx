"use client";
// Clerk's sign-out, only rendered when Clerk is enabled.
import { SignOutButton as ClerkSignOutButton } from "@clerk/nextjs";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";

export function ClerkSignOut({ variant = "plain" }: { variant?: ButtonVariant }) {
  return (
    <ClerkSignOutButton redirectUrl="/">
      <button type="button" className={buttonClass(variant)}>
        Sign out
      </button>
    </ClerkSignOutButton>
  );
}
