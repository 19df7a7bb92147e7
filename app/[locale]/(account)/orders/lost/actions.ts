"use server";
// "I lost my order link": email a one-time link into the account, where every order with that email is.
// The answer is the same whether or not the address has orders, in the language of the page it came from.
import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { validatedAction } from "@/lib/auth/action";
import { requestSignInLink } from "@/lib/auth/email-link";
import { requestMeta } from "@/lib/http/client-ip";
import { localeOr } from "@/lib/i18n/locales";
import { linkRefusal } from "@/lib/accounts/link-messages";
import { log } from "@/lib/observability/logger";

// The address is checked by requestSignInLink, whose refusal is then said in the page's language.
const schema = z.object({ email: z.string().max(1000), locale: z.string().optional() });

export const requestOrderLinksAction = validatedAction(schema, async ({ email, locale: raw }) => {
  const locale = localeOr(raw);
  const t = await getTranslations({ locale, namespace: "auth.action" });
  const { ip } = await requestMeta();
  try {
    // The email, and the pages its link opens, are in the page's language.
    const result = await requestSignInLink(await getDb(), {
      email,
      ip,
      appUrl: env().appUrl,
      purpose: "lost-links",
      locale,
    });
    if ("error" in result) {
      const { key, values } = linkRefusal(email, result);
      return { error: t(key, values), values: { email } };
    }
  } catch (err) {
    log.error({ err }, "lost-links email failed");
    return { error: t("sendFailed"), values: { email } };
  }
  return { ok: t("lostSent", { email: email.trim() }), values: { email } };
});
