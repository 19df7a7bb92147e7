// The one auth API the app uses: currentUser / requireUser / requireAdmin, over Clerk when its keys are set
// and over our email-link sessions otherwise. Pages, actions and handlers call these on every request that
// touches a customer's data; the proxy's redirect is only a convenience.
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import { resolveSession } from "./email-link";
import { SESSION_COOKIE } from "./session-cookie";
import { safeNextPath } from "./next-path";
import { splitLocalePath } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";
import type { AuthUser } from "./types";

export type { AuthUser };

/** The signed-in customer, or null. Resolved once per request. */
export const currentUser = cache(async (): Promise<AuthUser | null> => {
  const e = env();
  if (e.clerk.enabled) {
    const { currentClerkUser } = await import("./clerk");
    return currentClerkUser();
  }
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!cookie) return null;
  const session = await resolveSession(await getDb(), cookie, e.sessionSecret);
  if (!session) return null;
  return { id: session.customerId, email: session.email, isAdmin: e.admins.includes(session.email) };
});

/** The signed-in customer; anyone else is sent to sign in and brought back to `next` afterwards. */
export async function requireUser(next = "/account"): Promise<AuthUser> {
  const user = await currentUser();
  // Signed out: the sign-in page in the language of the page asked for (/de/account → /de/sign-in).
  if (!user) {
    const back = safeNextPath(next);
    redirect(`${localizedPath(splitLocalePath(back).locale, "/sign-in")}?next=${encodeURIComponent(back)}`);
  }
  return user;
}

/** An admin; a signed-out visitor is asked to sign in, a signed-in non-admin gets a 404 (nothing to see here). */
export async function requireAdmin(next = "/admin"): Promise<AuthUser> {
  const user = await requireUser(next);
  if (!user.isAdmin) notFound();
  return user;
}
