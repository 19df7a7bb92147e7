"use server";
// Delete my account: only ever the signed-in customer's own (no id comes from the form), confirmed by a tick.
// The form's hidden `locale` is the page's: the answer, and the page it lands on, are in that language.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { validatedActionWithUser } from "@/lib/auth/action";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { deleteAccount } from "@/lib/accounts/deletion";
import { env } from "@/lib/env";
import { localeOr } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";

// The tick is checked in the body, so that its refusal is worded in the page's language.
const schema = z.object({ confirm: z.string().optional(), locale: z.string().optional() });

export const deleteAccountAction = validatedActionWithUser(schema, async ({ confirm, locale: raw }, user) => {
  const locale = localeOr(raw);
  const t = await getTranslations({ locale, namespace: "account.data" });
  if (confirm !== "yes") return { error: t("confirmRequired") };
  const result = await deleteAccount(user.id);
  if ("error" in result && result.error === "in_flight") return { error: t("inFlight") };
  if ("error" in result && result.error !== "already_deleted") return { error: t("deleteFailed") };
  (await cookies()).set(SESSION_COOKIE, "", sessionCookieOptions(env().appUrl, 0));
  redirect(localizedPath(locale, "/account/deleted"));
});
