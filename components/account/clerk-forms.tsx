"use client";
// Clerk's hosted sign-in/up widgets. Rendered only when Clerk is enabled (inside <ClerkProvider>).
import { SignIn, SignUp } from "@clerk/nextjs";

export function ClerkSignIn({ next }: { next: string }) {
  return <SignIn path="/sign-in" routing="path" signUpUrl="/sign-up" forceRedirectUrl={next} />;
}

export function ClerkSignUp({ next }: { next: string }) {
  return <SignUp path="/sign-up" routing="path" signInUrl="/sign-in" forceRedirectUrl={next} />;
}
