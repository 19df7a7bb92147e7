"use client";
// Clerk's hosted sign-in/up widgets. Rendered only when Clerk is enabled (inside <ClerkProvider>).
import { SignIn, SignUp } from "@clerk/nextjs";

/** After Clerk signs someone in, our landing route picks the page (an admin's dashboard, a partner's portal). */
const landing = (next: string) => `/api/auth/landing?next=${encodeURIComponent(next)}`;

export function ClerkSignIn({ next }: { next: string }) {
  return <SignIn path="/sign-in" routing="path" signUpUrl="/sign-up" forceRedirectUrl={landing(next)} />;
}

export function ClerkSignUp({ next }: { next: string }) {
  return <SignUp path="/sign-up" routing="path" signInUrl="/sign-in" forceRedirectUrl={landing(next)} />;
}
