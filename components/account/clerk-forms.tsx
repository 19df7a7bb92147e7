"use client";
// Clerk's hosted sign-in/up widgets. Rendered only when Clerk is enabled (inside <ClerkProvider>). Their own
// text stays Clerk's English: @clerk/localizations is not installed.
import { SignIn, SignUp } from "@clerk/nextjs";
import { useLocale } from "next-intl";
import { getPathname } from "@/lib/i18n/navigation";

/** After Clerk signs someone in, our landing route picks the page (an admin's dashboard, a partner's portal). */
const landing = (next: string) => `/api/auth/landing?next=${encodeURIComponent(next)}`;

/** Clerk's path routing must match the page's own URL, which carries the locale prefix (/de/sign-in). */
function usePath(href: "/sign-in" | "/sign-up"): string {
  return getPathname({ href, locale: useLocale() });
}

export function ClerkSignIn({ next }: { next: string }) {
  const path = usePath("/sign-in");
  const signUp = usePath("/sign-up");
  return <SignIn path={path} routing="path" signUpUrl={signUp} forceRedirectUrl={landing(next)} />;
}

export function ClerkSignUp({ next }: { next: string }) {
  const path = usePath("/sign-up");
  const signIn = usePath("/sign-in");
  return <SignUp path={path} routing="path" signInUrl={signIn} forceRedirectUrl={landing(next)} />;
}
