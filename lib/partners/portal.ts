// Everything is scoped to the user's partner: a user never names a partner id.
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

export async function requirePartnerPage(path = "/partner"): Promise<PortalUser> {
  const user = await requireUser(path);
  const partner = await partnerOfUser(await getDb(), user.email);
  if (!partner) notFound();
  return { user, partner };
}

export const partnerAction = actionWith<PortalUser>(async () => {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Please sign in again." };
  const partner = await partnerOfUser(await getDb(), user.email);
  if (!partner) return { error: "This account has no partner portal." };
  return { context: { user, partner } };
});
