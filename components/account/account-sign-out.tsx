// Sign-out wherever a page offers it: Clerk's own when Clerk is on, else the plain form post.
import { env } from "@/lib/env";
import type { ButtonVariant } from "@/components/ui/button";
import { SignOutForm } from "./sign-out-form";

// A build-time constant (next.config.ts `env`): without Clerk in the build, Clerk's code is not bundled.
// eslint-disable-next-line no-restricted-properties -- inlined by the build, not runtime configuration
const CLERK_IN_BUILD = process.env.TERN_CLERK_IN_BUILD === "1";

export async function AccountSignOut({ variant = "plain" }: { variant?: ButtonVariant }) {
  if (CLERK_IN_BUILD && env().clerk.enabled) {
    const { ClerkSignOut } = await import("./clerk-sign-out");
    return <ClerkSignOut variant={variant} />;
  }
  return <SignOutForm variant={variant} />;
}
