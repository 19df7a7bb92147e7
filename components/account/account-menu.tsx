// Header sign-in/out control: "Sign in" for visitors; "My eSIMs" and "Sign out" for signed-in customers.
// Mount it in the site header in place of the plain "Account" link. It decides in the browser (from
// /api/auth/session, or Clerk's own state when Clerk is on) so the pages around it can stay static; before
// that answer — or without JavaScript — it is an "Account" link, which signs in when needed.
import { env } from "@/lib/env";
import { AccountMenuClient } from "./account-menu-client";

export function AccountMenu() {
  return <AccountMenuClient clerk={env().clerk.enabled} />;
}
