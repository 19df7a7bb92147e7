// Imported only dynamically and only with both Clerk keys set: without them Clerk fails with "keys are missing".
import { currentUser as clerkCurrentUser } from "@clerk/nextjs/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { findOrCreateCustomerForClerk } from "@/lib/accounts/customers";
import type { AuthUser } from "./types";

export async function currentClerkUser(): Promise<AuthUser | null> {
  const user = await clerkCurrentUser();
  if (!user) return null;
  // Only a verified primary email may claim a customer row and its guest orders.
  const primary = user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId);
  if (!primary || primary.verification?.status !== "verified") return null;
  const customer = await findOrCreateCustomerForClerk(await getDb(), user.id, primary.emailAddress);
  const role = (user.publicMetadata as { role?: unknown } | undefined)?.role;
  return {
    id: customer.id,
    email: customer.email,
    isAdmin: role === "admin" || env().admins.includes(customer.email),
  };
}
