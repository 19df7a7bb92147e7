"use server";
// The sign-in form's action: validate, rate-limit, email a link. Same answer whether or not the email has orders.
// The form's hidden `locale` is the page's: the answer is in that language (and so should the email be).
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
const schema = z.object({
  email: z.string().max(1000),
  next: z.string().max(512).optional(),
  locale: z.string().optional(),
});

export const requestSignInLinkAction = validatedAction(schema, async ({ email, next, locale: raw }) => {
  const locale = localeOr(raw);
  const t = await getTranslations({ locale, namespace: "auth.action" });
  const { ip } = await requestMeta();
  try {
    // The email, and the page its link opens, are in the page's language.
    const result = await requestSignInLink(await getDb(), { email, next, ip, appUrl: env().appUrl, locale });
    if ("error" in result) {
      const { key, values } = linkRefusal(email, result);
      return { error: t(key, values), values: { email } };
    }
  } catch (err) {
    log.error({ err }, "sign-in link failed");
    return { error: t("sendFailed"), values: { email } };
  }
  return { ok: t("sent", { email: email.trim() }), values: { email } };
});
