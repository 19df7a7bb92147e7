// Header sign-in/out control: "Sign in" for visitors; "My eSIMs" and "Sign out" for signed-in customers.
// It decides in the browser so the pages around it stay static; before that answer — or without
// JavaScript — it is an "Account" link, which signs in when needed.
import { env } from "@/lib/env";
import { SessionAccountMenu } from "./session-account-menu";

// A build-time constant (next.config.ts `env`): in a build without Clerk keys the branch below is dropped,
// and with it Clerk's client code (~55 kB gzip) from every page.
// eslint-disable-next-line no-restricted-properties -- inlined by the build, not runtime configuration
const CLERK_IN_BUILD = process.env.TERN_CLERK_IN_BUILD === "1";

export async function AccountMenu() {
  if (CLERK_IN_BUILD && env().clerk.enabled) {
    const { ClerkAccountMenu } = await import("./clerk-account-menu");
    return <ClerkAccountMenu />;
  }
  return <SessionAccountMenu />;
}
