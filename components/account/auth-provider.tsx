// Wraps the app in <ClerkProvider> only when both Clerk keys are set; otherwise renders children as they
// are, so without keys nothing of Clerk runs (it would fail every page with "Clerk keys are missing").
// Mount once in app/layout.tsx around the <body> contents.
import { env } from "@/lib/env";

// A build-time constant (next.config.ts `env`): when it is "0" the bundler removes the branch below, and
// with it Clerk's client code (~55 kB gzip) from every page of a shop that does not use Clerk.
// eslint-disable-next-line no-restricted-properties -- inlined by the build, not runtime configuration
const CLERK_IN_BUILD = process.env.TERN_CLERK_IN_BUILD === "1";

export async function AuthProvider({ children }: { children: React.ReactNode }) {
  const clerk = env().clerk;
  if (!CLERK_IN_BUILD || !clerk.enabled) return <>{children}</>;
  const { ClerkProvider } = await import("@clerk/nextjs");
  return (
    <ClerkProvider publishableKey={clerk.publishableKey} signInUrl="/sign-in" signUpUrl="/sign-up">
      {children}
    </ClerkProvider>
  );
}
