// Access to the partner portal: the signed-in user (the shop's own sign-in) must be a user of a partner, and
// everything the portal reads or changes is scoped to that partner — a user never names a partner id.
import { notFound } from "next/navigation";
import { getDb, type Db } from "@/lib/db";
import type { Partner } from "@/lib/db/schema";
import { currentUser, requireUser, type AuthUser } from "@/lib/auth";
import { actionWith } from "@/lib/auth/action";
import { partnerOfUser } from "./accounts";

interface PortalUser {
  user: AuthUser;
  partner: Partner;
}

/**
 * Where a sign-in lands: the page it was asked from, or — when nobody asked for one (the customer default) —
 * where the person works: an admin's dashboard, a partner user's portal.
 */
export async function landingAfterSignIn(
  db: Db,
  who: { email: string; isAdmin: boolean },
  next: string,
  defaultNext = "/account",
): Promise<string> {
  if (next !== defaultNext) return next;
  if (who.isAdmin) return "/admin";
  if (await partnerOfUser(db, who.email)) return "/partner";
  return next;
}

/** For portal pages: signed out → sign in and back; signed in but no partner's user → 404. */
export async function requirePartnerPage(path = "/partner"): Promise<PortalUser> {
  const user = await requireUser(path);
  const partner = await partnerOfUser(await getDb(), user.email);
  if (!partner) notFound();
  return { user, partner };
}

/** Portal Server Actions: the partner resolved from the session on every call */
export const partnerAction = actionWith<PortalUser>(async () => {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Please sign in again." };
  const partner = await partnerOfUser(await getDb(), user.email);
  if (!partner) return { error: "This account has no partner portal." };
  return { context: { user, partner } };
});
