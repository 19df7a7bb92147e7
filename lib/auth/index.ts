// Every page, action and handler touching a customer's data checks these; the proxy's redirect is a convenience.
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

export async function requireUser(next = "/account"): Promise<AuthUser> {
  const user = await currentUser();
  if (!user) {
    const back = safeNextPath(next);
    redirect(`${localizedPath(splitLocalePath(back).locale, "/sign-in")}?next=${encodeURIComponent(back)}`);
  }
  return user;
}

export async function requireAdmin(next = "/admin"): Promise<AuthUser> {
  const user = await requireUser(next);
  if (!user.isAdmin) notFound();
  return user;
}
