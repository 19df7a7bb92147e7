// The email-link actions' answers in the page's language. lib/auth/email-link words its refusals in English
// for the API; the forms say the same things through the `auth` messages.
import { getTranslations } from "next-intl/server";
import type { RequestLinkResult } from "@/lib/auth/email-link";
import type { Locale } from "@/lib/i18n/locales";

/** What to tell the visitor when requestSignInLink refused: a rate limit with its wait, or a bad address. */
export async function linkRefusal(
  locale: Locale,
  email: string,
  result: Extract<RequestLinkResult, { error: string }>,
): Promise<string> {
  const t = await getTranslations({ locale, namespace: "auth.action" });
  if (result.retryAfterSeconds !== undefined) {
    const s = result.retryAfterSeconds;
    return s < 90
      ? t("rateLimited", { unit: "seconds", n: s })
      : t("rateLimited", { unit: "minutes", n: Math.ceil(s / 60) });
  }
  const trimmed = email.trim();
  if (!trimmed) return t("enterEmail");
  if (trimmed.length > 254) return t("tooLong");
  return t("invalidEmail");
}
