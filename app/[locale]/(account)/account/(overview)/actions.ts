"use server";
// Delete my account: only ever the signed-in customer's own (no id comes from the form), confirmed by a tick.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedActionWithUser } from "@/lib/auth/action";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { deleteAccount } from "@/lib/accounts/deletion";
import { env } from "@/lib/env";

const schema = z.object({
  confirm: z.literal("yes", { error: "Tick the box to confirm you want to delete your account." }),
});

export const deleteAccountAction = validatedActionWithUser(schema, async (_data, user) => {
  const result = await deleteAccount(user.id);
  if ("error" in result && result.error === "in_flight")
    return { error: "An order of yours is still being prepared. Please try again once it is delivered or refunded." };
  if ("error" in result && result.error !== "already_deleted")
    return { error: "We could not delete your account. Please try again." };
  (await cookies()).set(SESSION_COOKIE, "", sessionCookieOptions(env().appUrl, 0));
  redirect("/account/deleted");
});
