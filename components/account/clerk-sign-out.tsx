"use client";
// Clerk's sign-out, only rendered when Clerk is enabled.
import { SignOutButton as ClerkSignOutButton } from "@clerk/nextjs";
import { useTranslations } from "next-intl";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";

export function ClerkSignOut({ variant = "plain" }: { variant?: ButtonVariant }) {
  const t = useTranslations("site.account");
  return (
    <ClerkSignOutButton redirectUrl="/">
      <button type="button" className={buttonClass(variant)}>
        {t("signOut")}
      </button>
    </ClerkSignOutButton>
  );
}
