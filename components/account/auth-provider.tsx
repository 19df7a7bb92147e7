// Wraps the app in <ClerkProvider> only when both Clerk keys are set; otherwise renders children as they
// are, so without keys nothing of Clerk runs (it would fail every page with "Clerk keys are missing").
// Mount once in app/layout.tsx around the <body> contents.
import { ClerkProvider } from "@clerk/nextjs";
import { env } from "@/lib/env";

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const clerk = env().clerk;
  if (!clerk.enabled) return <>{children}</>;
  return (
    <ClerkProvider publishableKey={clerk.publishableKey} signInUrl="/sign-in" signUpUrl="/sign-up">
      {children}
    </ClerkProvider>
  );
}
